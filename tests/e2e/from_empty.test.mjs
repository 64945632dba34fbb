// A council starts Chorus from an empty database (issue 15's "done when"): `backend create-admin`,
// then only the web apps. The admin sets up two-step sign-in, is walked through the organisation's
// settings (name, languages offered, how long words are kept, the duty rota), invites an
// officer and a commissioner (their emails read from a real SMTP server on loopback), imports the
// directory from a CSV file with two bad lines and then the mended file; the officer sets up
// two-step sign-in and makes six invites; six young people join and give feedback; the officer
// moderates; one young person forgets their PIN and is back with their history; the commissioner
// sees the service scored. This file runs its own server and mail server, beside the demo's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, phone, expectAccessible, freshCode, toTheWords, freePort, until } from './helpers.mjs';

const BACKEND = process.env.CHORUS_BACKEND_BIN;
const STATIC_DIR = process.env.CHORUS_APPLICATION__STATIC_DIR;
const ADMIN = 'head.of.participation@newtown.example';
const OFFICER = 'jo.officer@newtown.example';
const COMMISSIONER = 'kim.commissioner@newtown.example';
const SAMPLE = readFileSync(new URL('../../docs/directory-sample.csv', import.meta.url), 'utf8');

let browser;
let work;
let server;
let smtp;
let base;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'chorus-empty-'));
  const [port, mailPort] = [await freePort(), await freePort()];
  smtp = spawn('python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${mailPort}`, '-c', 'aiosmtpd.handlers.Mailbox', join(work, 'maildir')], { stdio: 'ignore' });
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite://${work}/chorus.db?mode=rwc`,
    CHORUS_APPLICATION__PORT: String(port),
    CHORUS_APPLICATION__PUBLIC_URL: `http://127.0.0.1:${port}/`,
    CHORUS_JOBS__ENABLED: 'true',
    CHORUS_JOBS__POLL_INTERVAL_MS: '200',
    CHORUS_MAIL__SMTP_PORT: String(mailPort),
    CHORUS_ADMIN_PASSWORD: 'lantern harvest meadow',
  };
  execFileSync(BACKEND, ['create-admin', '--email', ADMIN, '--name', 'Alex Rivers', '--organisation', 'newtown', '--organisation-name', 'Newtown Council'], { env, stdio: 'ignore' });
  server = spawn(BACKEND, ['serve'], { env, stdio: 'ignore' });
  base = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${base}/api/v1/health`).catch(() => ({ ok: false }))).ok, 'the server');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill();
  smtp?.kill();
  if (work) rmSync(work, { recursive: true, force: true });
});

/// The link in the newest email to `to` on the SMTP server (quoted-printable decoded).
async function emailedLink(to) {
  let link;
  await until(() => {
    const body = execFileSync('python3', ['-c', `
import mailbox, sys
bodies = [m for m in mailbox.Maildir(sys.argv[1], create=False) if m['To'] and sys.argv[2] in m['To']]
print(bodies[-1].get_payload(decode=True).decode() if bodies else "")`, join(work, 'maildir'), to], { encoding: 'utf8' });
    link = body.match(/http\S+\/staff\/set-password#[\w-]+/)?.[0];
    return Boolean(link);
  }, `an email to ${to}`);
  return link;
}

/// Signs a member of staff in with a password; sets up their app if asked (its key read from the
/// page) or types a code from it. Gives back the app's key.
async function staffSignIn(page, email, password, key) {
  await page.goto(`${base}/staff`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const setUp = page.getByRole('heading', { name: 'Set up two-step sign-in' });
  const code = page.getByRole('heading', { name: 'Type your sign-in code' });
  const home = page.getByRole('button', { name: 'Sign out' });
  await setUp.or(code).or(home).first().waitFor();
  if (await setUp.isVisible()) {
    key = (await page.locator('code.secret').textContent()).replace(/\s/g, '');
    await page.getByLabel('Code', { exact: true }).fill(await freshCode(email, key));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Keep your recovery codes' }).waitFor();
    await page.getByRole('button', { name: 'I have kept them: continue' }).click();
  } else if (await code.isVisible()) {
    await page.getByLabel('Code', { exact: true }).fill(await freshCode(email, key));
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await home.waitFor();
  return key;
}

async function invite(admin, name, email, role) {
  const form = admin.locator('form', { has: admin.getByRole('heading', { name: 'Invite a member of staff' }) });
  await form.getByLabel('Their name').fill(name);
  await form.getByLabel('Their work email').fill(email);
  await form.getByLabel('Role').selectOption({ label: role });
  await form.getByRole('button', { name: 'Send the invitation' }).click();
  await form.getByText(`Invitation sent to ${email}`).waitFor();
}

async function choosePassword(page, email, password) {
  await page.goto(await emailedLink(email));
  await page.getByLabel('New password').fill(password);
  await page.getByRole('button', { name: 'Save my password' }).click();
  await page.getByText('Your password is saved.').waitFor();
}

async function chooseFile(page, name, text) {
  await page.getByLabel('Directory file (CSV)').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

test('a council sets itself up from an empty database and hears from six young people', async () => {
  // The admin: two-step sign-in first, then the organisation.
  const admin = await phone(browser);
  await admin.setViewportSize({ width: 1280, height: 900 });
  await staffSignIn(admin, ADMIN, 'lantern harvest meadow');
  // The first sign-in walks through the settings, one at a time.
  await admin.getByRole('heading', { name: 'Set up Chorus for Newtown Council' }).waitFor();
  await admin.getByText('Step 1 of 4').waitFor();
  await admin.getByLabel('Name, as staff and young people see it').fill('Newtown Children\'s Services');
  await admin.getByLabel('العربية').uncheck();
  assert.ok(await admin.getByLabel('English').isDisabled(), 'English is always offered');
  await admin.getByRole('button', { name: 'Save the organisation\'s settings' }).click();
  await admin.getByText('Saved.').first().waitFor();
  await expectAccessible(admin, 'set-up walk: the organisation');
  await admin.getByRole('button', { name: 'Next' }).click();
  await admin.getByText('Step 2 of 4').waitFor();
  await admin.getByLabel('Keep young people\'s free text for (months)').fill('18');
  await admin.getByRole('button', { name: 'Save', exact: true }).click();
  await admin.getByText('Saved.').first().waitFor();
  await admin.getByRole('button', { name: 'Next' }).click();
  // Safeguarding contacts: the first step of the duty rota.
  await admin.getByText('Step 3 of 4').waitFor();
  await admin.getByRole('button', { name: 'Add a step' }).click();
  await admin.getByLabel('Who (for example Duty officer)').fill('Duty officer');
  await admin.getByLabel('Email', { exact: true }).fill('duty@newtown.example');
  await admin.getByRole('button', { name: 'Save the duty rota' }).click();
  await admin.getByText('Saved.').first().waitFor();
  await admin.setViewportSize({ width: 360, height: 740 });
  assert.ok(await admin.evaluate(() => document.documentElement.scrollWidth) <= 360, 'no sideways scrolling');
  await expectAccessible(admin, 'set-up walk: the duty rota at 360 px');
  await admin.setViewportSize({ width: 1280, height: 900 });
  await admin.getByRole('button', { name: 'Next' }).click();
  await admin.getByRole('button', { name: 'Finish setting up' }).click();
  await admin.getByRole('heading', { name: 'Organisation settings' }).waitFor();
  await admin.reload();
  await admin.getByRole('heading', { name: 'Staff accounts' }).waitFor();

  await invite(admin, 'Jo Officer', OFFICER, 'Participation officer');
  await invite(admin, 'Kim Commissioner', COMMISSIONER, 'Commissioner');

  // The directory: two bad lines refused by number, nothing saved; then the mended file.
  const lines = SAMPLE.trim().split('\n');
  lines.splice(3, 0, 'SC41234X,Broken Ltd,Somewhere,childrens_home');
  lines.splice(6, 0, 'SC498765,Hillside Care Ltd,Hillside Annexe,care home');
  await chooseFile(admin, 'directory.csv', lines.join('\n'));
  const refusal = admin.getByRole('alert').filter({ hasText: 'Nothing was imported' });
  await refusal.waitFor();
  const words = await refusal.textContent();
  assert.match(words, /line 4: "SC41234X" is not an Ofsted URN/);
  assert.match(words, /line 7: "care home" is not a kind of service/);
  await expectAccessible(admin, 'directory import refused');
  await chooseFile(admin, 'directory-fixed.csv', SAMPLE);
  await admin.getByText(/Checked, nothing saved yet\. 6 lines: 4 new providers, 0 known providers given their URN, 6 new services/).waitFor();
  await admin.getByRole('button', { name: 'Import these services' }).click();
  await admin.getByText(/^Imported\. 6 lines/).waitFor();
  await admin.setViewportSize({ width: 360, height: 740 });
  assert.ok(await admin.evaluate(() => document.documentElement.scrollWidth) <= 360, 'no sideways scrolling');
  await expectAccessible(admin, 'admin page at 360 px after an import');

  // The officer and the commissioner choose passwords through their emails.
  const officer = await phone(browser);
  await officer.setViewportSize({ width: 1280, height: 900 });
  await choosePassword(officer, OFFICER, 'copper willow beacon');
  const officerKey = await staffSignIn(officer, OFFICER, 'copper willow beacon');
  const commissioner = await phone(browser);
  await commissioner.setViewportSize({ width: 1280, height: 900 });
  await choosePassword(commissioner, COMMISSIONER, 'granite puffin orchard');
  await staffSignIn(commissioner, COMMISSIONER, 'granite puffin orchard');

  // Six invites for Hillside House, as cards.
  await officer.getByRole('link', { name: 'Invites' }).click();
  await officer.getByLabel('Age band').selectOption('12-15');
  await officer.getByLabel(/^Hillside House — /).check();
  await officer.getByLabel('How many invites (1 to 30)').fill('6');
  await officer.getByRole('button', { name: 'Make the invites' }).click();
  await officer.getByRole('button', { name: 'Print the cards' }).waitFor();
  const codes = await officer.locator('li.invite-card p.lead strong').allInnerTexts();
  assert.equal(codes.length, 6);

  // Six young people join on their phones and say how Hillside House is.
  const names = ['Ash', 'Bea', 'Cal', 'Dee', 'Eli', 'Fin'];
  const signInNames = [];
  for (const [i, code] of codes.entries()) {
    const child = await phone(browser);
    await child.goto(`${base}/join`);
    await child.getByLabel('Your invite code').fill(code);
    await child.getByRole('button', { name: 'Next' }).click();
    const suggested = child.getByLabel('Your sign-in name');
    await suggested.waitFor();
    signInNames.push(await suggested.inputValue());
    await child.getByLabel('What should we call you?').fill(names[i]);
    await child.getByLabel('Choose a PIN (6 or more numbers)').fill('270394');
    await child.getByLabel('Type your PIN again').fill('270394');
    await child.getByRole('button', { name: 'Make my account' }).click();
    await child.getByRole('link', { name: 'Go to my page' }).click();
    await child.getByRole('heading', { name: `Hi ${names[i]}!` }).waitFor();
    await child.locator('a.card').first().click();
    await child.getByRole('group', { name: 'I feel safe here' }).getByLabel(/Good$/).check();
    await toTheWords(child);
    await child.getByLabel('Tell us more (you don\'t have to)').fill(`${names[i]} says the new garden is great`);
    await child.getByRole('button', { name: 'Send' }).click();
    await child.getByText('Sent. We got it.').waitFor();
    await child.context().close();
  }

  // The officer moderates all six.
  await officer.getByRole('link', { name: 'Moderation' }).click();
  for (const name of names) {
    const card = officer.locator('li.card', { hasText: `${name} says the new garden is great` });
    await card.getByRole('button', { name: 'Approve (remove highlighted details)' }).click();
    await card.waitFor({ state: 'detached' });
  }

  // Fin forgets their PIN: a reset code from the officer, and Fin is back with their feedback.
  await officer.goto(`${base}/staff/young-people`);
  await officer.getByRole('button', { name: 'Make a PIN reset code for Fin' }).click();
  const resetCode = (await officer.locator('[role="status"]').filter({ hasText: 'Reset code' }).locator('.big-name').textContent()).trim();
  const fin = await phone(browser);
  await fin.goto(`${base}/reset-pin`);
  await fin.getByLabel('Your reset code').fill(resetCode);
  await fin.getByLabel('Choose a PIN (6 or more numbers)').fill('503917');
  await fin.getByLabel('Type your PIN again').fill('503917');
  await fin.getByRole('button', { name: 'Save my new PIN' }).click();
  assert.equal((await fin.locator('#my-sign-in-name').textContent()).trim(), signInNames[5]);
  await fin.getByRole('link', { name: 'Go to my page' }).click();
  await fin.getByRole('link', { name: 'My feedback and what changed' }).click();
  await fin.getByText('Fin says the new garden is great').waitFor();
  // Fin is offered the languages the council chose: not Arabic.
  await fin.goto(`${base}/settings`);
  await fin.getByRole('button', { name: 'Polski' }).waitFor();
  assert.equal(await fin.getByRole('button', { name: 'العربية' }).count(), 0, 'Arabic is not offered');

  // The commissioner sees Hillside House scored from six voices.
  await commissioner.reload();
  await commissioner.getByRole('heading', { name: 'Provider quality scores' }).waitFor();
  const row = commissioner.locator('table tbody tr', { hasText: 'Hillside House' });
  await row.waitFor();
  assert.match(await row.textContent(), /n=6/);
  await expectAccessible(commissioner, 'a new council\'s scores');

  // The officer's authenticator still works for a later sign-in.
  await officer.getByRole('button', { name: 'Sign out' }).click();
  await officer.getByRole('heading', { name: 'Staff sign in' }).waitFor();
  await staffSignIn(officer, OFFICER, 'copper willow beacon', officerKey);
  for (const page of [admin, officer, commissioner, fin]) await page.context().close();
});
