// A provider's manager signs in and reads only their own services, as the commissioners do.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'playwright-core';
import { launch, phone, expectAccessible, signInStaff, signInYoungPerson, staffToken, BASE_URL } from './helpers.mjs';

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
  await page.locator('table tbody tr').first().waitFor();
  assert.doesNotMatch(await page.locator('table').textContent(), /n=[1-4]\b/, 'no score from fewer than five voices');
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

test('a provider replies to a theme, an officer approves, and the young person who spoke reads it', async () => {
  // A young person at Foxglove View says how involved they feel; an officer approves it (API).
  const api = await request.newContext();
  const name = `fox-voice-${Date.now() % 100000}`;
  const joined = await api.post(BASE_URL + '/api/v1/invites/redeem', {
    data: { code: 'STKE-YP2C', sign_in_name: name, display_name: 'Rae', pin: '270394' },
  });
  assert.equal(joined.status(), 201);
  const young = { authorization: `Bearer ${(await joined.json()).access_token}` };
  const officer = { authorization: `Bearer ${await staffToken(api, 'officer2@stoke-on-trent.example')}` };
  const me = await (await api.get(BASE_URL + '/api/v1/me', { headers: young })).json();
  const services = await (await api.get(BASE_URL + '/api/v1/services', { headers: officer })).json();
  const foxglove = services.find((s) => s.name === 'Foxglove View').id;
  assert.equal((await api.post(`${BASE_URL}/api/v1/young-people/${me.id}/services`, { headers: officer, data: { service_id: foxglove } })).status(), 204);
  const id = crypto.randomUUID();
  assert.equal((await api.post(BASE_URL + '/api/v1/feedback', { headers: young, data: { id, service_id: foxglove, answers: { involved: 2 } } })).status(), 201);
  assert.equal((await api.post(`${BASE_URL}/api/v1/moderation/feedback/${id}/approve`, { headers: officer, data: {} })).status(), 204);

  // The provider replies to that theme on the service's page.
  const provider = await phone(browser);
  await signInStaff(provider, 'manager@foxglove-care.example');
  await provider.getByRole('table').getByRole('link', { name: 'Foxglove View' }).click();
  await provider.getByRole('heading', { name: 'Reply to what young people said' }).waitFor();
  const now = new Date();
  const quarter = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
  const words = `From January the young people at Foxglove View plan the week with staff (${name}).`;
  await provider.getByLabel('Outcome').selectOption({ label: 'Involved' });
  await provider.getByLabel('Quarter (optional, like 2026-Q4)').fill(quarter);
  await provider.getByLabel('Your reply').fill(words);
  await expectAccessible(provider, 'the reply form at 360 px');
  await provider.getByRole('button', { name: 'Send the reply' }).click();
  await provider.getByRole('status').getByText(/^Sent\./).waitFor();
  await provider.getByText(words).waitFor();
  await provider.getByText(/Involved · \d{4}-Q[1-4] · waiting for a participation officer/).first().waitFor();
  await provider.context().close();
  // The commissioners read it at once.
  const commissioner = { authorization: `Bearer ${await staffToken(api, 'commissioner@stoke-on-trent.example')}` };
  const page = await (await api.get(`${BASE_URL}/api/v1/dashboard/services/${foxglove}`, { headers: commissioner })).json();
  assert.ok(page.replies.some((r) => r.body === words && r.status === 'pending'), 'commissioners see the reply, waiting');

  // A participation officer approves it.
  const desk = await phone(browser);
  await desk.setViewportSize({ width: 1280, height: 900 });
  await signInStaff(desk, 'officer@stoke-on-trent.example');
  await desk.getByRole('heading', { name: "Providers' replies waiting" }).waitFor();
  const card = desk.locator('li.card').filter({ hasText: words });
  await card.getByRole('button', { name: 'Send to young people: the reply about Foxglove View (Foxglove Care Group)' }).click();
  await desk.getByRole('status').getByText(/^Sent\. It reaches [1-9]\d* young people\.$/).waitFor();
  await expectAccessible(desk, 'the officer page with the replies queue');
  await desk.context().close();

  // The young person reads it in their news.
  const phoneOfRae = await phone(browser);
  await signInYoungPerson(phoneOfRae, name, '270394');
  await phoneOfRae.getByRole('link', { name: /^News: \d+ new$/ }).click();
  await phoneOfRae.getByRole('heading', { name: 'The people who run Foxglove View answered' }).waitFor();
  await phoneOfRae.getByText(words).waitFor();
  await expectAccessible(phoneOfRae, 'news with a provider reply');
  await phoneOfRae.context().close();
  await api.dispose();
});
