// A placement changes: the officer ends a young person's link to one service and links another;
// the history shows since and until, and the young person's own list follows. axe at 360 px and
// at a laptop width; the page does not scroll sideways on a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'playwright-core';
import { launch, phone, expectAccessible, signInStaff, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an officer ends a placement and links a new one', async () => {
  const api = await request.newContext();
  const name = `moving-kit-${Date.now() % 100000}`;
  const joined = await api.post(BASE_URL + '/api/v1/invites/redeem', {
    data: { code: 'STKE-YP2F', sign_in_name: name, display_name: 'Kit', pin: '270394' },
  });
  assert.equal(joined.status(), 201);
  let token = (await joined.json()).access_token;
  const services = async () => (await (await api.get(BASE_URL + '/api/v1/me/services', { headers: { authorization: `Bearer ${token}` } })).json()).map((s) => s.name);
  const before = await services();
  assert.ok(before.length >= 2, 'the invite linked several services');

  const page = await phone(browser);
  await signInStaff(page, 'officer@stoke-on-trent.example');
  await page.getByRole('link', { name: 'Young people' }).click();
  await page.getByRole('heading', { name: 'Young people', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Services of Kit' }).click();
  const panel = page.locator('div.card').filter({ has: page.getByText('Link another service') });
  await panel.getByRole('button', { name: `End the link to ${before[0]}` }).waitFor();
  assert.equal(await panel.getByText(/ · since \d\d \w{3} \d{4}$/).count(), before.length, 'each current service, since when');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 360, 'no sideways scrolling');
  await expectAccessible(page, 'young people with services open, at 360 px');

  await panel.getByRole('button', { name: `End the link to ${before[0]}` }).click();
  await panel.getByText(/ · from \d\d \w{3} \d{4} to \d\d \w{3} \d{4}$/).waitFor();
  await panel.getByLabel('Link another service').selectOption({ label: 'Foxglove View — Foxglove Care Group' });
  await panel.getByRole('button', { name: 'Link it' }).click();
  await panel.getByRole('button', { name: 'End the link to Foxglove View' }).waitFor();

  // Kit has grown: the older questions from their next page.
  await panel.getByLabel('Age band (the questions they are asked)').selectOption('16-17');
  await panel.getByRole('button', { name: 'Change the age band' }).click();
  await panel.getByRole('status').getByText('Saved.').waitFor();

  // Kit leaves care: their account is switched off (kept, not erased), then on again.
  await page.getByRole('button', { name: "Switch off Kit's account (left care)" }).click();
  await page.getByRole('button', { name: "Switch Kit's account back on" }).waitFor();
  const signIn = () => api.post(BASE_URL + '/api/v1/auth/young-person/sign-in', { data: { sign_in_name: name, pin: '270394' } });
  assert.equal((await signIn()).status(), 403, 'a switched-off account cannot sign in');
  await page.getByRole('button', { name: "Switch Kit's account back on" }).click();
  await page.getByRole('button', { name: "Switch off Kit's account (left care)" }).waitFor();
  const again = await signIn();
  assert.equal(again.status(), 200);
  token = (await again.json()).access_token; // switching off ended the old sign-in

  const me = await (await api.get(BASE_URL + '/api/v1/me', { headers: { authorization: `Bearer ${token}` } })).json();
  assert.equal(me.age_band, '16-17');
  const after = await services();
  assert.ok(!after.includes(before[0]), 'the ended placement left their list');
  assert.ok(after.includes('Foxglove View'), 'the new one is there');
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectAccessible(page, 'young people with services open, at a laptop width');
  await page.context().close();
  await api.dispose();
});
