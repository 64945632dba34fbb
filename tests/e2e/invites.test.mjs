// The officer makes six invites for two services and gets six printable cards: each its own
// code, the services, a date, and a QR code drawn as an SVG by the server (no outside service).
// A code from a card then lets a young person join. axe at 360 px and at a laptop width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'playwright-core';
import { launch, phone, expectAccessible, signInStaff, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an officer makes six invites and prints them as cards', async () => {
  const page = await phone(browser);
  await signInStaff(page, 'officer@stoke-on-trent.example');
  await page.getByRole('link', { name: 'Invites' }).click();
  await page.getByRole('heading', { name: 'Invite young people' }).waitFor();
  await page.getByLabel('Age band').selectOption('12-15');
  await page.getByLabel(/^Foxglove View — /).check();
  await page.getByLabel(/^Next Chapter Longton — /).check();
  await page.getByLabel('How many invites (1 to 30)').fill('6');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 360, 'no sideways scrolling');
  await expectAccessible(page, 'invites at 360 px');
  await page.getByRole('button', { name: 'Make the invites' }).click();
  await page.getByRole('button', { name: 'Print the cards' }).waitFor();

  const cards = page.locator('li.invite-card');
  assert.equal(await cards.count(), 6, 'six cards');
  const codes = await cards.locator('p.lead strong').allInnerTexts();
  assert.equal(new Set(codes).size, 6, 'six different codes');
  assert.equal(await page.locator('li.invite-card .qr svg').count(), 6, 'a QR code on each card, as SVG');
  assert.match(await cards.first().innerText(), /For: Foxglove View, Next Chapter Longton/);
  assert.ok(await page.getByRole('img', { name: `QR code that opens Chorus to join with code ${codes[0]}` }).isVisible());
  assert.deepEqual(page.foreign, [], 'nothing requested from another origin (the QR codes are drawn here)');
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectAccessible(page, 'invite cards at a laptop width');
  await page.context().close();

  // A young person joins with the last card's code.
  const api = await request.newContext();
  const joined = await api.post(BASE_URL + '/api/v1/invites/redeem', {
    data: { code: codes[5], sign_in_name: `card-joiner-${Date.now() % 100000}`, display_name: 'Ash', pin: '270394' },
  });
  assert.equal(joined.status(), 201);
  await api.dispose();
});
