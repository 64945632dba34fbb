// The welcome and sign-in pages are plain HTML with a small script (frontend/welcome.js), not a
// web app: what the apps did on these pages, the script must do too. Read aloud in the chosen
// language, an offline sign-in that says so in it, and a sign-out still owed paid before anyone
// can be signed back in by an old cookie.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, phone, listenToSpeech, signInYoungPerson, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const polish = JSON.parse(readFileSync(new URL('../../frontend/locales/pl.json', import.meta.url), 'utf8'));

test('the welcome page reads aloud in the chosen language, and a sign-in without signal says so in it', async () => {
  const page = await phone(browser);
  await listenToSpeech(page);
  await page.goto(BASE_URL + '/');
  await page.getByRole('button', { name: 'Polski' }).click();
  await page.getByRole('heading', { name: polish['welcome.title'] }).waitFor();
  await page.getByRole('button', { name: 'Polski', pressed: true }).waitFor();
  await page.getByRole('button', { name: polish['common.read_aloud'] }).click();
  const spoken = await page.evaluate(() => window.__spoken);
  assert.equal(spoken.length, 1, 'the page is read aloud');
  assert.equal(spoken[0].lang, 'pl', 'in Polish');
  assert.ok(spoken[0].text.startsWith('English'), 'the whole main part, from the language buttons');
  assert.ok(spoken[0].text.includes(polish['welcome.intro']), 'with the Polish words');

  await page.getByRole('link', { name: polish['welcome.sign_in'] }).click();
  await page.getByRole('heading', { name: polish['sign_in.title'] }).waitFor();
  await page.getByLabel(polish['sign_in.name_label']).fill('brave-otter-42');
  await page.getByLabel(polish['sign_in.pin_label']).fill('481516');
  await page.context().setOffline(true);
  await page.getByRole('button', { name: polish['sign_in.submit'] }).click();
  await page.getByRole('alert').filter({ hasText: polish['common.offline'] }).waitFor();
  await page.context().setOffline(false);
  await page.getByRole('button', { name: polish['sign_in.submit'] }).click();
  await page.waitForURL((url) => url.pathname === '/home');
  await page.context().close();
});

test('a sign-out the phone still owes is paid by the welcome page, and the old cookie signs nobody in', async () => {
  const page = await phone(browser);
  await signInYoungPerson(page);
  // No signal: quick exit cannot reach the server, so the sign-out is owed.
  await page.context().setOffline(true);
  await page.getByRole('button', { name: 'Quick exit' }).click();
  await page.waitForURL('about:blank');
  await page.context().setOffline(false);

  await page.goto(BASE_URL + '/');
  await page.getByRole('heading', { name: 'Hello! Welcome to Chorus' }).waitFor();
  await page.waitForFunction(() => localStorage.getItem('chorus.sign_out_owed') === null);
  const status = await page.evaluate(async () => (await fetch('/api/v1/auth/refresh', { method: 'POST' })).status);
  assert.notEqual(status, 200, 'the refresh cookie was ended on the server');
  await page.goto(BASE_URL + '/home');
  await page.waitForURL((url) => url.pathname === '/');
  await page.context().close();
});
