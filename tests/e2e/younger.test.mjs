// The youngest (4 to 7) get their own wording: a child invited in that age band sees the simplest
// questions and face words, in English and in the language they choose, and the privacy notice has
// a page for their age.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, phone, expectAccessible, youngestChild, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a child of 4 to 7 sees the youngest wording, in English and in Polish', async () => {
  const name = await youngestChild();
  const page = await phone(browser);
  await page.goto(BASE_URL + '/sign-in');
  await page.getByLabel('Sign-in name').fill(name);
  await page.getByLabel('PIN').fill('270394');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Hi Pip!' }).waitFor();
  await page.getByText('Who do you want to tell us about?').waitFor();
  await page.locator('a.card').first().click();
  const safe = page.getByRole('group', { name: 'I feel safe here' });
  await safe.getByRole('radio', { name: /Very happy$/ }).waitFor();
  await expectAccessible(page, 'feedback, youngest wording');
  await safe.getByRole('radio', { name: /Very happy$/ }).check();
  await page.getByRole('button', { name: 'Next question' }).click();
  await page.getByRole('group', { name: 'People here are kind to me' }).waitFor();

  // In Polish: the youngest wording is translated too.
  await page.goto(BASE_URL + '/settings');
  await page.getByRole('button', { name: 'Polski' }).click();
  await page.getByRole('heading', { name: 'Ustawienia' }).waitFor();
  await page.getByRole('link', { name: 'Wstecz' }).click();
  await page.getByText('O kim chcesz nam powiedzieć?').waitFor();
  await page.locator('a.card').first().click();
  await page.getByRole('group', { name: 'Czuję się tu bezpiecznie' }).getByRole('radio', { name: /Bardzo wesoły$/ }).waitFor();

  // The privacy notice has a page for their age, shown first.
  await page.goto(BASE_URL + '/privacy');
  await page.getByRole('button', { name: '4 do 7', pressed: true }).waitFor();
  await page.getByText('Dorosły, który się tobą opiekuje').waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 360, 'no sideways scrolling');
  await page.context().close();
});
