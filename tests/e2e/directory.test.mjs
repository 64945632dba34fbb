// The admin keeps the directory a service at a time: adds a service for a new provider, changes
// the outcomes it asks about, retires it and brings it back, and corrects the provider's name;
// the page passes axe at 360 px (no sideways scrolling) and at a laptop width. Only a provider and
// service this test makes are touched (other files share the demo's directory).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, phone, expectAccessible, signInStaff } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an admin adds a service, changes what it asks, retires it and corrects its provider', async () => {
  const page = await phone(browser);
  await signInStaff(page, 'admin@stoke-on-trent.example');
  const section = page.locator('section[aria-labelledby="services-heading"]');
  await section.getByRole('heading', { name: 'Add a service' }).waitFor();
  const stamp = Date.now().toString().slice(-6);
  const provider = `Oakbank Care ${stamp}`;
  const service = `Oakbank House ${stamp}`;

  // A service for a new provider; a malformed URN is refused in words first.
  const form = section.locator('form', { has: page.getByRole('heading', { name: 'Add a service' }) });
  await form.getByLabel('Provider', { exact: true }).selectOption({ label: 'A new provider' });
  await form.getByLabel('Provider\'s name').fill(provider);
  await form.getByLabel('Ofsted URN (if it has one)').fill('12AB');
  await form.getByLabel('Service\'s name').fill(service);
  await form.getByLabel('Kind of service').selectOption({ label: 'Small group home' });
  await form.getByRole('button', { name: 'Add the service' }).click();
  await form.getByRole('alert').getByText('That is not an Ofsted URN: it looks like SC123456.').waitFor();
  await form.getByLabel('Ofsted URN (if it has one)').fill('');
  await form.getByRole('button', { name: 'Add the service' }).click();
  await section.getByRole('status').getByText(`Added ${service}.`).waitFor();
  const card = section.locator('li').filter({ has: page.getByRole('heading', { name: provider }) });
  const item = card.locator('li').filter({ hasText: service });
  await item.getByText('Small group home · Safe, Nurtured, Involved, Healthy, Achieving, Prepared').waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 360, 'no sideways scrolling');
  await expectAccessible(page, 'directory at 360 px');

  // It asks about two outcomes only; none at all is refused.
  await item.getByRole('button', { name: `Change: ${service}` }).click();
  for (const outcome of ['Nurtured', 'Involved', 'Healthy', 'Achieving', 'Prepared']) {
    await item.getByLabel(outcome).uncheck();
  }
  await item.getByLabel('Safe').uncheck();
  await item.getByRole('button', { name: 'Save' }).click();
  await item.getByRole('alert').getByText('Choose at least one outcome the service asks young people about.').waitFor();
  await item.getByLabel('Safe').check();
  await item.getByLabel('Achieving').check();
  await item.getByRole('button', { name: 'Save' }).click();
  await item.getByText('Small group home · Safe, Achieving').waitFor();

  // Retired and brought back.
  await item.getByRole('button', { name: `Retire: ${service}` }).click();
  await item.getByText(/retired: not offered to young people/).waitFor();
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectAccessible(page, 'directory at a laptop width');
  await item.getByRole('button', { name: `Bring back: ${service}` }).click();
  await item.getByRole('button', { name: `Retire: ${service}` }).waitFor();

  // The provider's name corrected: only this council lists it.
  await card.getByRole('button', { name: `Correct ${provider}'s name or URN` }).click();
  await card.getByLabel('Provider\'s name').fill(`${provider} Ltd`);
  await card.getByRole('button', { name: 'Save' }).click();
  await section.getByRole('heading', { name: `${provider} Ltd` }).waitFor();
  await page.context().close();
});
