// The admin switches a member of staff's account off and on again: while off, signing in with
// the right password says so in words; the page passes axe at 360 px and at a laptop width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
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

/// The newest email in the outbox to `to`: its link to choose a password. (Email delivery through
/// a real SMTP server is the API tests' part; these servers run without background jobs.)
function linkIn(to) {
  const db = new URL(process.env.DATABASE_URL.replace(/^sqlite:/, 'file:')).pathname;
  const body = execFileSync('python3', ['-c', `
import sqlite3, sys
row = sqlite3.connect(sys.argv[1]).execute(
    "SELECT body FROM outbox WHERE recipient = ? ORDER BY created_at DESC LIMIT 1", (sys.argv[2],)).fetchone()
print(row[0] if row else "")`, db, to], { encoding: 'utf8' });
  const link = body.match(/http\S+\/staff\/set-password#[\w-]+/);
  assert.ok(link, `an email to ${to} with a link: ${body}`);
  return link[0];
}

test('an admin invites a commissioner, who chooses a password through the emailed link and later resets it', async () => {
  const admin = await phone(browser);
  await signInStaff(admin, 'admin@stoke-on-trent.example');
  const form = admin.locator('form', { has: admin.getByRole('heading', { name: 'Invite a member of staff' }) });
  await form.getByLabel('Their name').fill('Priya Shah');
  await form.getByLabel('Their work email').fill('priya.shah@stoke-on-trent.example');
  await form.getByLabel('Role').selectOption({ label: 'Commissioner' });
  await form.getByRole('button', { name: 'Send the invitation' }).click();
  await form.getByText('Invitation sent to priya.shah@stoke-on-trent.example').waitFor();
  const priyaRow = admin.locator('section[aria-labelledby="staff-heading"] li').filter({ hasText: 'Priya Shah' });
  await priyaRow.getByText(/Commissioner · priya\.shah@stoke-on-trent\.example · invited/).waitFor();
  await expectAccessible(admin, 'staff accounts with the invitation form');
  await form.getByLabel('Their name').fill('Priya Shah');
  await form.getByLabel('Their work email').fill('priya.shah@stoke-on-trent.example');
  await form.getByRole('button', { name: 'Send the invitation' }).click();
  await form.getByRole('alert').getByText('Someone already has a Chorus account with that email.').waitFor();

  // Priya, on her own phone, follows the link.
  const priya = await phone(browser);
  await priya.goto(linkIn('priya.shah@stoke-on-trent.example'));
  await priya.getByRole('heading', { name: 'Choose your password' }).waitFor();
  assert.equal(new URL(priya.url()).hash, '', 'the secret is taken out of the address bar');
  await priya.getByLabel('New password').fill('password1234');
  await priya.getByRole('button', { name: 'Save my password' }).click();
  await priya.getByRole('alert').getByText(/too easy to guess/).waitFor();
  await expectAccessible(priya, 'choosing a password, refused');
  await priya.getByLabel('New password').fill('kettle orbit lantern');
  await priya.getByRole('button', { name: 'Save my password' }).click();
  await priya.getByText('Your password is saved.').waitFor();
  await priya.getByRole('link', { name: 'Sign in' }).click();
  await priya.getByLabel('Email').fill('priya.shah@stoke-on-trent.example');
  await priya.getByLabel('Password').fill('kettle orbit lantern');
  await priya.getByRole('button', { name: 'Sign in' }).click();
  await priya.waitForURL((url) => url.pathname === '/staff/dashboard');
  await priya.getByRole('button', { name: 'Sign out' }).click();

  // Later she forgets it.
  await priya.getByRole('link', { name: 'Forgotten your password?' }).click();
  await priya.getByRole('heading', { name: 'Forgotten your password' }).waitFor();
  await expectAccessible(priya, 'forgotten password');
  await priya.getByLabel('Email').fill('priya.shah@stoke-on-trent.example');
  await priya.getByRole('button', { name: 'Send me a link' }).click();
  await priya.getByText(/If priya\.shah@stoke-on-trent\.example has a Chorus staff account, a link/).waitFor();
  await priya.goto(linkIn('priya.shah@stoke-on-trent.example'));
  await priya.getByLabel('New password').fill('marmalade anchor violin');
  await priya.getByRole('button', { name: 'Save my password' }).click();
  await priya.getByText('Your password is saved.').waitFor();
  await priya.getByRole('link', { name: 'Sign in' }).click();
  await priya.getByLabel('Email').fill('priya.shah@stoke-on-trent.example');
  await priya.getByLabel('Password').fill('marmalade anchor violin');
  await priya.getByRole('button', { name: 'Sign in' }).click();
  await priya.waitForURL((url) => url.pathname === '/staff/dashboard');
  await admin.context().close();
  await priya.context().close();
});

test('the admin keeps the organisation\'s settings; the cohort is never below 5', async () => {
  const page = await phone(browser);
  await signInStaff(page, 'admin@stoke-on-trent.example');
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Your organisation' }) });
  await form.getByLabel('Smallest group shown (young people)').waitFor();
  await page.waitForFunction(() => document.querySelector('#min-cohort')?.value === '5');
  await form.getByLabel('Smallest group shown (young people)').fill('4');
  await form.getByRole('button', { name: 'Save the organisation\'s settings' }).click();
  await form.getByRole('alert').getByText(/between 5 and 50 young people/).waitFor();
  await expectAccessible(page, 'organisation settings, refused');
  // Saved as they were (other browser tests read the scores these settings make; the API tests
  // change them and check the scores follow).
  await form.getByLabel('Smallest group shown (young people)').fill('5');
  await form.getByRole('button', { name: 'Save the organisation\'s settings' }).click();
  await form.getByText('Saved.').waitFor();
  await page.reload();
  await page.waitForFunction(() => document.querySelector('#min-cohort')?.value === '5');
  await page.context().close();
});
