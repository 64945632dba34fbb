// The demo council is in the West Midlands with two neighbours that use a few of the same
// children's homes. A commissioner reads their own scores beside the region's on a phone; the
// admin leaves the region and joins it again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, phone, expectAccessible, signInStaff } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("a commissioner reads the region's score where their own is too small to show", async () => {
  const page = await phone(browser);
  await signInStaff(page, 'commissioner@stoke-on-trent.example');
  await page.getByRole('link', { name: 'Regional scores' }).click();
  await page.getByRole('heading', { name: "Your scores beside the region's" }).waitFor();
  await page.getByText('Your council is in West Midlands, with 3 councils in all.').waitFor();
  // Lantern Care: one of Stoke's two homes has too few young people, so Stoke's own figure for
  // the provider is not shown; the region's, pooled with both neighbours, is.
  const lantern = page.locator('section.card').filter({ has: page.getByRole('heading', { name: /^Lantern Care/ }) });
  await lantern.waitFor();
  const rows = lantern.locator('tbody tr');
  assert.ok(await rows.count() > 0);
  const own = await rows.locator('td:nth-child(2)').allInnerTexts();
  const pooled = await rows.locator('td:nth-child(3)').allInnerTexts();
  assert.ok(own.every((c) => c === 'Not enough voices yet'), `own: ${own}`);
  assert.ok(pooled.some((c) => /^\d\.\d \(\d\.\d–\d\.\d\), n=\d+$/.test(c)), `pooled: ${pooled}`);
  // Every provider Stoke commissions is listed, those only Stoke uses too.
  assert.equal(await page.getByRole('heading', { name: /^Foxglove Care Group/ }).count(), 1);
  await expectAccessible(page, 'regional scores at 360 px');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scrolling at 360 px');
  // Whole financial years that have ended, newest first; another one.
  const years = page.getByLabel('Financial year');
  assert.match(await years.locator('option').first().innerText(), /^April (\d{4}) to March (\d{4})$/);
  await years.selectOption({ index: 2 });
  await lantern.waitFor();
  assert.deepEqual(page.consoleErrors, [], 'no refused request');
  await page.context().close();
});

test('the admin leaves the region and joins it again', async () => {
  const page = await phone(browser);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInStaff(page, 'admin@stoke-on-trent.example');
  const section = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Your region' }) });
  await section.getByText('Your council is in West Midlands, with 3 councils in all.').waitFor();
  await section.getByRole('button', { name: 'Leave the region' }).click();
  await section.getByText('West Midlands (2 councils)').waitFor();
  // A name already taken is refused in words.
  await section.getByLabel("A new region's name").fill('West Midlands');
  await section.getByRole('button', { name: 'Create it and join' }).click();
  await section.getByText('There is a region of that name already: join it instead.').waitFor();
  await section.getByRole('button', { name: 'Join West Midlands' }).click();
  await section.getByText('Your council is in West Midlands, with 3 councils in all.').waitFor();
  await expectAccessible(page, 'admin page with the region');
  await page.context().close();
});
