// Refusals in the reader's language: a young person joining in Polish or Arabic who types an
// invite code that cannot be one, an invite code that does not exist, or a PIN that is too easy
// to guess reads why in their language, not in the server's English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'playwright-core';
import { launch, phone, staffToken, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const words = (code) => JSON.parse(readFileSync(new URL(`../../frontend/locales/${code}.json`, import.meta.url), 'utf8'));
const ENGLISH = words('en');

/// A fresh one-time invite made by the demo participation officer, so no other test can use it up.
async function freshInvite() {
  const api = await request.newContext();
  try {
    const access_token = await staffToken(api, 'officer@stoke-on-trent.example');
    const made = await api.post(BASE_URL + '/api/v1/invites', {
      headers: { Authorization: `Bearer ${access_token}` },
      data: { age_band: '12-15', service_ids: [] },
    });
    assert.equal(made.status(), 201, await made.text());
    return (await made.json()).code;
  } finally {
    await api.dispose();
  }
}

/// Submits the form the button belongs to; the refusal shown must be in the language's own words
/// for `key`, and none of the English ones (the web app's or the server's) for the same refusal.
async function expectRefusal(page, button, language, key, serverEnglish) {
  const expected = language.words[key];
  assert.ok(expected, `${language.code} has words for ${key}`);
  await page.locator(button).click();
  const alert = page.locator('p.error[role=alert]');
  await page.waitForFunction((text) => document.querySelector('p.error[role=alert]')?.innerText.trim() === text,
    expected, { timeout: 5000 }).catch(() => {});
  const shown = (await alert.innerText()).trim();
  assert.equal(shown, expected, `${key} in ${language.code}`);
  assert.notEqual(shown, ENGLISH[key], `${key} is not shown in English`);
  assert.notEqual(shown, serverEnglish, `${key} is not the server's English`);
}

const LANGUAGES = [
  { code: 'pl', name: 'Polski' },
  { code: 'ar', name: 'العربية' },
];

for (const language of LANGUAGES) {
  test(`a refused invite code, PIN and sign-in are explained in ${language.name}`, async () => {
    language.words = words(language.code);
    const code = await freshInvite();
    const page = await phone(browser);
    await page.goto(BASE_URL + '/');
    await page.getByRole('button', { name: language.name }).click();
    await page.waitForFunction((lang) => document.documentElement.lang === lang, language.code);
    await page.goto(BASE_URL + '/join');
    await page.waitForFunction((lang) => document.documentElement.lang === lang, language.code);
    const check = '#invite-code ~ button[type=submit]';

    // Not the shape of an invite code: refused in the browser, with the same reason as the server.
    await page.locator('#invite-code').fill('K7PM');
    await expectRefusal(page, check, language, 'reason.invite_code_format',
      'An invite code has 8 letters and numbers, like K7PM-Q2XD. Please check it and try again.');

    // The right shape, but no such invite: refused by the server.
    await page.locator('#invite-code').fill('ZZZZ-ZZZZ');
    await expectRefusal(page, check, language, 'error.invite_not_found',
      'We could not find that invite code. Please check it, or ask your participation officer for a new one.');

    // A real invite, then a PIN anyone would guess first.
    await page.locator('#invite-code').fill(code);
    await page.locator(check).click();
    await page.locator('#new-pin').waitFor();
    await page.locator('#display-name').fill('Sam');
    await page.locator('#new-pin').fill('123456');
    await page.locator('#new-pin-again').fill('123456');
    await expectRefusal(page, '#new-pin-again ~ button[type=submit]', language, 'reason.pin_too_easy',
      'That PIN is too easy to guess. Try numbers that are not all the same or in a row.');

    // The sign-in page (plain HTML, its own script) explains a refusal the same way.
    await page.goto(BASE_URL + '/sign-in');
    await page.waitForFunction((lang) => document.documentElement.lang === lang, language.code);
    await page.locator('#who').fill('nobody-by-this-name-77');
    await page.locator('#secret').fill('918273');
    await expectRefusal(page, '#sign-in-form button[type=submit]', language, 'error.wrong_credentials',
      'That sign-in name and PIN (or email and password) do not match. Please try again.');
    await page.context().close();
  });
}
