// The admin switches a member of staff's account off and on again: while off, signing in with
// the right password says so in words; the page passes axe at 360 px and at a laptop width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, phone, expectAccessible, signInStaff, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an admin switches an officer off, and on again', async () => {
  const page = await phone(browser);
  await signInStaff(page, 'admin@stoke-on-trent.example');
  await page.getByRole('heading', { name: 'Staff accounts' }).waitFor();
  const dan = page.locator('section[aria-labelledby="staff-heading"] li').filter({ hasText: 'Dan Whitehouse' });
  await dan.getByText(/Participation officer · officer2@stoke-on-trent\.example · can sign in/).waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 360, 'no sideways scrolling');
  await expectAccessible(page, 'staff accounts at 360 px');
  await dan.getByRole('button', { name: 'Switch off: Dan Whitehouse' }).click();
  await dan.getByText(/switched off/).waitFor();

  // Dan, with the right password, is told why he cannot sign in.
  const dans = await phone(browser);
  await dans.goto(BASE_URL + '/staff');
  await dans.getByLabel('Email').fill('officer2@stoke-on-trent.example');
  await dans.getByLabel('Password').fill('chorus-demo-2026');
  await dans.getByRole('button', { name: 'Sign in' }).click();
  await dans.getByRole('alert').getByText(/This account has been switched off/).waitFor();
  assert.equal(new URL(dans.url()).pathname, '/staff', 'still at the front door');

  await page.setViewportSize({ width: 1280, height: 900 });
  await dan.getByRole('button', { name: 'Switch on: Dan Whitehouse' }).click();
  await dan.getByText(/can sign in/).waitFor();
  await expectAccessible(page, 'staff accounts at a laptop width');
  await dans.getByRole('button', { name: 'Sign in' }).click();
  await dans.waitForURL((url) => url.pathname === '/staff/officer');
  await page.context().close();
  await dans.context().close();
});
