// A provider's manager signs in and reads only their own services, as the commissioners do.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, phone, expectAccessible, signInStaff } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a provider sees only its own services, with suppression intact, and their pages', async () => {
  const page = await phone(browser);
  await signInStaff(page, 'manager@foxglove-care.example');
  await page.getByRole('heading', { name: "Your services' scores" }).waitFor();
  const rows = page.locator('table tbody tr');
  await rows.first().waitFor();
  const names = await page.locator('table tbody th a').allInnerTexts();
  assert.ok(names.includes('Foxglove View'), `${names}`);
  const providers = await page.locator('table tbody th .small').allInnerTexts();
  assert.ok(providers.every((p) => p === 'Foxglove Care Group'), `only its own services: ${providers}`);
  await expectAccessible(page, 'provider home at 360 px');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scrolling at 360 px');
  // One quarter: quiet scores stay hidden, as for commissioners.
  await page.getByLabel('Period').selectOption('quarter');
  await page.waitForFunction(() => document.querySelector('.small')?.textContent.includes('Up to the end of'));
  await page.getByRole('table').getByRole('link', { name: 'Foxglove View' }).click();
  await page.getByRole('heading', { name: 'Foxglove View', level: 1 }).waitFor();
  await page.getByRole('img', { name: 'Overall score by quarter (1 to 5)' }).waitFor();
  assert.equal(await page.getByRole('button', { name: /Export/ }).count(), 0, 'a provider downloads nothing');
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectAccessible(page, 'provider service page at a laptop width');
  // The council's pages are not theirs.
  assert.equal(await page.getByRole('link', { name: 'Tenders' }).count(), 0);
  assert.deepEqual(page.consoleErrors, [], 'no refused request');
  assert.deepEqual(page.foreign, [], 'no request to another origin');
  await page.context().close();
});
