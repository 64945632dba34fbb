// The admin switches a member of staff's account off and on again: while off, signing in with
// the right password says so in words; the page passes axe at 360 px and at a laptop width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { launch, phone, expectAccessible, signInStaff, typeCode, freshCode, BASE_URL } from './helpers.mjs';

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
  await typeCode(dans, 'officer2@stoke-on-trent.example');
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
  // A provider's manager, for one of the council's providers (chosen, or refused in words).
  await form.getByLabel('Their name').fill('Olu Bello');
  await form.getByLabel('Their work email').fill('olu@orchard-care.example');
  await form.getByLabel('Role').selectOption({ label: 'Provider' });
  await form.getByRole('button', { name: 'Send the invitation' }).click();
  await form.getByRole('alert').getByText(/Choose the provider this account is for/).waitFor();
  await form.getByLabel('Which provider').selectOption({ label: 'Orchard House Care' });
  await form.getByRole('button', { name: 'Send the invitation' }).click();
  await form.getByText('Invitation sent to olu@orchard-care.example').waitFor();
  const oluRow = admin.locator('section[aria-labelledby="staff-heading"] li').filter({ hasText: 'Olu Bello' });
  await oluRow.getByText(/Provider · olu@orchard-care\.example · invited/).waitFor();
  await expectAccessible(admin, 'inviting a provider');
  await form.getByLabel('Role').selectOption({ label: 'Commissioner' });

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

test('an invited officer sets up two-step sign-in, keeps recovery codes, and the admin resets it', async () => {
  const admin = await phone(browser);
  await admin.setViewportSize({ width: 1280, height: 900 });
  await signInStaff(admin, 'admin@stoke-on-trent.example');
  const form = admin.locator('form', { has: admin.getByRole('heading', { name: 'Invite a member of staff' }) });
  await form.getByLabel('Their name').fill('Sam Okafor');
  await form.getByLabel('Their work email').fill('sam.okafor@stoke-on-trent.example');
  await form.getByLabel('Role').selectOption({ label: 'Participation officer' });
  await form.getByRole('button', { name: 'Send the invitation' }).click();
  await form.getByText('Invitation sent to sam.okafor@stoke-on-trent.example').waitFor();

  const sam = await phone(browser);
  await sam.goto(linkIn('sam.okafor@stoke-on-trent.example'));
  await sam.getByLabel('New password').fill('harbour thistle compass');
  await sam.getByRole('button', { name: 'Save my password' }).click();
  await sam.getByRole('link', { name: 'Sign in' }).click();
  await sam.getByLabel('Email').fill('sam.okafor@stoke-on-trent.example');
  await sam.getByLabel('Password').fill('harbour thistle compass');
  await sam.getByRole('button', { name: 'Sign in' }).click();

  // No session yet: the app is set up first, from a QR code drawn by Chorus or the key typed.
  await sam.getByRole('heading', { name: 'Set up two-step sign-in' }).waitFor();
  await sam.getByRole('img', { name: 'QR code to add Chorus to your authenticator app' }).locator('svg').waitFor();
  assert.ok(await sam.evaluate(() => document.documentElement.scrollWidth) <= 360, 'no sideways scrolling');
  await expectAccessible(sam, 'setting up two-step sign-in at 360 px');
  const key = (await sam.locator('code.secret').textContent()).replace(/\s/g, '');
  assert.match(key, /^[A-Z2-7]{32}$/);
  await sam.getByLabel('Code', { exact: true }).fill('000000');
  await sam.getByRole('button', { name: 'Continue' }).click();
  await sam.getByRole('alert').getByText(/That code did not work/).waitFor();
  await sam.getByLabel('Code', { exact: true }).fill(await freshCode('sam.okafor@stoke-on-trent.example', key));
  await sam.getByRole('button', { name: 'Continue' }).click();

  // Recovery codes, shown once.
  await sam.getByRole('heading', { name: 'Keep your recovery codes' }).waitFor();
  const codes = await sam.locator('.recovery-codes code').allTextContents();
  assert.equal(codes.length, 10);
  await expectAccessible(sam, 'recovery codes');
  await sam.getByRole('button', { name: 'I have kept them: continue' }).click();
  await sam.waitForURL((url) => url.pathname === '/staff/officer');
  await sam.getByRole('button', { name: 'Sign out' }).click();

  // Phone left at home: a recovery code instead.
  await sam.getByLabel('Email').fill('sam.okafor@stoke-on-trent.example');
  await sam.getByLabel('Password').fill('harbour thistle compass');
  await sam.getByRole('button', { name: 'Sign in' }).click();
  await sam.getByRole('heading', { name: 'Type your sign-in code' }).waitFor();
  await sam.getByLabel('Code', { exact: true }).fill(codes[0]);
  await sam.getByRole('button', { name: 'Continue' }).click();
  await sam.waitForURL((url) => url.pathname === '/staff/officer');

  // The admin sees it set up, and resets it for a new phone.
  await admin.reload();
  const row = admin.locator('section[aria-labelledby="staff-heading"] li').filter({ hasText: 'Sam Okafor' });
  await row.getByText(/two-step sign-in set up/).waitFor();
  await row.getByRole('button', { name: 'Reset two-step sign-in: Sam Okafor' }).click();
  await admin.getByText('Two-step sign-in reset for Sam Okafor').waitFor();
  await row.getByText(/no two-step sign-in yet/).waitFor();
  await expectAccessible(admin, 'staff accounts after a reset');
  await admin.context().close();
  await sam.context().close();
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
