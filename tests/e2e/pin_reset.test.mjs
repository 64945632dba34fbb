// A young person has forgotten their PIN: their officer makes a reset code on the young people
// page, and on the phone the young person types it with a new PIN, sees their sign-in name again
// and is back in with what they had. Axe on both pages, at 360 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'playwright-core';
import { launch, phone, expectAccessible, signInStaff, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an officer gives a reset code, and the young person is back in with a new PIN', async () => {
  // Rowan joined with an invite and signs in once.
  const name = `rowan-fox-${Date.now() % 100000}`;
  const api = await request.newContext();
  const joined = await api.post(BASE_URL + '/api/v1/invites/redeem', {
    data: { code: 'STKE-YP2B', sign_in_name: name, display_name: 'Rowan', pin: '270394' },
  });
  assert.equal(joined.status(), 201);
  await api.dispose();

  const officer = await phone(browser);
  await signInStaff(officer, 'officer@stoke-on-trent.example');
  await officer.getByRole('heading', { name: 'Moderation queue' }).waitFor();
  await officer.goto(BASE_URL + '/staff/young-people');
  await officer.getByRole('button', { name: 'Make a PIN reset code for Rowan' }).click();
  const card = officer.locator('[role="status"]').filter({ hasText: 'Reset code' });
  await card.getByText(`Their sign-in name is ${name}.`).waitFor();
  const code = (await card.locator('.big-name').textContent()).trim();
  assert.match(code, /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expectAccessible(officer, 'young people with a reset code');

  const rowan = await phone(browser);
  await rowan.goto(BASE_URL + '/sign-in');
  await rowan.getByRole('link', { name: 'Forgotten your PIN?' }).click();
  await rowan.getByRole('heading', { name: 'Choose a new PIN' }).waitFor();
  await expectAccessible(rowan, 'choose a new PIN');
  await rowan.getByLabel('Your reset code').fill(code.toLowerCase());
  await rowan.getByLabel('Choose a PIN (6 or more numbers)').fill('503917');
  await rowan.getByLabel('Type your PIN again').fill('503918');
  await rowan.getByRole('button', { name: 'Save my new PIN' }).click();
  await rowan.getByRole('alert').waitFor();
  await rowan.getByLabel('Type your PIN again').fill('503917');
  await rowan.getByRole('button', { name: 'Save my new PIN' }).click();
  await rowan.getByText('Your new PIN is saved.').waitFor();
  assert.equal((await rowan.locator('#my-sign-in-name').textContent()).trim(), name);
  await rowan.getByRole('link', { name: 'Go to my page' }).click();
  await rowan.getByRole('heading', { name: 'Hi Rowan!' }).waitFor();

  // The old PIN no longer works; the new one does.
  const check = await request.newContext();
  const old = await check.post(BASE_URL + '/api/v1/auth/young-person/sign-in', { data: { sign_in_name: name, pin: '270394' } });
  assert.equal(old.status(), 401);
  const fresh = await check.post(BASE_URL + '/api/v1/auth/young-person/sign-in', { data: { sign_in_name: name, pin: '503917' } });
  assert.equal(fresh.status(), 200);
  await check.dispose();
  await officer.context().close();
  await rowan.context().close();
});
