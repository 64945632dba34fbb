// A disclosure from a young person's phone to a closed case: the officer sees the case with its
// clock, finds out who wrote it (the look is audited on the server), records a referral with its
// reference (refused without one, in words), and closes it with an outcome. The case page is
// checked with axe at 360 px and at a laptop width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'playwright-core';
import { launch, phone, expectAccessible, signInStaff, toTheWords, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// Nothing wider than the screen (tables scroll inside their own wrapper).
async function fitsWidth(page, width, label) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= width, `${label} is ${scroll}px wide at ${width} px`);
}

test('a disclosure becomes a case the officer takes to an outcome', async () => {
  const api = await request.newContext();
  const name = `quiet-robin-${Date.now() % 100000}`;
  const joined = await api.post(BASE_URL + '/api/v1/invites/redeem', {
    data: { code: 'STKE-YP2H', sign_in_name: name, display_name: 'Robin', pin: '270394' },
  });
  assert.equal(joined.status(), 201);
  await api.dispose();

  // The young person tells us, in their own spelling.
  const young = await phone(browser);
  await young.goto(BASE_URL + '/sign-in');
  await young.getByLabel('Sign-in name').fill(name);
  await young.getByLabel('PIN').fill('270394');
  await young.getByRole('button', { name: 'Sign in' }).click();
  await young.getByRole('heading', { name: 'Hi Robin!' }).waitFor();
  await young.locator('a.card').first().click();
  await toTheWords(young);
  await young.getByLabel('Tell us more (you don\'t have to)').fill('he h u r t s me when nobody is looking');
  await young.getByRole('button', { name: 'Send' }).click();
  await young.waitForURL(/\/thanks/);
  await young.context().close();

  // The officer, on a phone: the open case is first, with its clock.
  const page = await phone(browser);
  await signInStaff(page, 'officer@stoke-on-trent.example');
  await page.getByRole('heading', { name: 'Safeguarding cases' }).waitFor();
  const card = page.locator('section[aria-labelledby="alerts-heading"] li').first();
  await card.getByText(/open for \d+ min/).waitFor();
  assert.match(await card.innerText(), /wrote words on the safeguarding list/);
  await card.getByRole('link', { name: 'Open the case' }).click();
  await page.getByRole('heading', { name: 'Safeguarding case' }).waitFor();
  await page.getByText('New: nobody has taken it on yet').waitFor();
  const casePath = new URL(page.url()).pathname;
  await fitsWidth(page, 360, 'a new case');
  await expectAccessible(page, 'a new case at 360 px');

  await page.getByRole('button', { name: 'I\'m dealing with this' }).click();
  await page.getByLabel('What was done').waitFor();

  // Who wrote it: shown on request.
  await page.getByRole('button', { name: 'Show who wrote this' }).click();
  await page.getByText(name).waitFor();
  assert.ok(await page.getByText('Robin', { exact: true }).isVisible(), 'the name they gave');

  // A referral needs its reference: refused in words, then recorded.
  await page.getByLabel('What was done').selectOption({ label: 'Referred to children\'s social care' });
  await page.getByLabel('Referral reference').waitFor();
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await page.getByRole('alert').getByText(/reference of a referral/).waitFor();
  await page.getByLabel('Referral reference').fill('CSC-2026-0412');
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await page.getByText('Action recorded').waitFor();
  const steps = page.locator('ol.steps');
  assert.match(await steps.innerText(), /Referred to children's social care: CSC-2026-0412/);
  await fitsWidth(page, 360, 'a case with an action');
  await expectAccessible(page, 'a case with an action at 360 px');

  // Closed with an outcome, on a laptop.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByLabel('How did it end?').fill('Placement moved; safety plan agreed with the young person.');
  await page.getByRole('button', { name: 'Close the case' }).click();
  await page.getByText('Placement moved; safety plan agreed with the young person.').waitFor();
  await page.getByText(/^Closed by /).waitFor();
  assert.equal(await page.getByLabel('What was done').count(), 0, 'nothing more is recorded on a closed case');
  await expectAccessible(page, 'a closed case at a laptop width');

  // Back on the officer's page it is no longer open.
  await page.getByRole('link', { name: 'Back' }).click();
  await page.getByRole('heading', { name: 'Safeguarding cases' }).waitFor();
  const cases = page.locator('section[aria-labelledby="alerts-heading"]');
  await cases.locator(':is(li, p)').first().waitFor();
  assert.equal(await cases.locator(`a[href="${casePath}"]`).count(), 0, 'a closed case leaves the open list');
  assert.deepEqual(page.foreign, [], 'no request to another origin');
  await page.context().close();
});
