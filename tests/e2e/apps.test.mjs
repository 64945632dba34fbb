// Chorus is five web apps (the front door at /join, /reset-pin and /privacy, voice at /voice/,
// panels at /panels/, the staff door at /staff for signing in, staff at /staff/...), each its own
// wasm, and the welcome and sign-in page at / and /sign-in, plain HTML. Whoever opens a page of an
// app that is not theirs is taken to their own home; moving between a young person's apps keeps
// them signed in; each app downloads only its own wasm, and the welcome page none.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, phone, signInStaff, signInYoungPerson, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// The wasm files a page downloaded, by name.
function watchWasm(page) {
  const loaded = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) loaded.push(new URL(r.url()).pathname); });
  return loaded;
}

test('a signed-out visitor to a private page of any app is sent to the right front door', async () => {
  const page = await phone(browser);
  for (const [path, door, heading] of [
    ['/panels', '/', 'Hello! Welcome to Chorus'],
    ['/home', '/', 'Hello! Welcome to Chorus'],
    ['/staff/dashboard', '/staff', 'Staff sign in'],
  ]) {
    await page.goto(BASE_URL + path);
    await page.getByRole('heading', { name: heading }).waitFor();
    assert.equal(new URL(page.url()).pathname, door, `${path} goes to ${door}`);
  }
  await page.context().close();
});

test('the welcome and sign-in pages load no wasm; signing in loads the voice app', async () => {
  const page = await phone(browser);
  const wasm = watchWasm(page);
  await page.goto(BASE_URL + '/');
  await page.getByRole('heading', { name: 'Hello! Welcome to Chorus' }).waitFor();
  await page.getByRole('link', { name: 'Sign in', exact: true }).click();
  await page.getByLabel('Sign-in name').waitFor();
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  assert.deepEqual(wasm, [], 'the welcome and sign-in pages are plain HTML');
  await page.getByLabel('Sign-in name').fill('brave-otter-42');
  await page.getByLabel('PIN').fill('481516');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /^Hi / }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/home');
  assert.ok(wasm.length === 1 && wasm[0].startsWith('/voice/frontend-'), `then the voice app: ${wasm}`);

  // Settings (voice) to the privacy notice (front door) and back, signed in all the way.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'How we look after what you tell us' }).click();
  await page.getByRole('heading', { name: 'How we look after what you tell us' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/privacy');
  assert.ok(wasm.length === 2 && wasm[1].startsWith('/door/door-'), `the privacy notice is the front door's: ${wasm}`);
  await page.getByRole('link', { name: 'Back' }).click();
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/settings');
  await page.goto(BASE_URL + '/sign-in');
  await page.getByRole('heading', { name: /^Hi / }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/home', 'signed in, the front door sends them home');
  await page.context().close();
});

test('a young person moves between the voice and panels apps signed in, and never sees the staff app', async () => {
  const page = await phone(browser);
  const wasm = watchWasm(page);
  await signInYoungPerson(page);
  assert.ok(wasm.some((w) => w.startsWith('/voice/frontend-')), `the voice app loads its wasm: ${wasm}`);

  await page.getByRole('link', { name: 'Young commissioner panels' }).click();
  await page.getByRole('heading', { name: 'Young commissioner panels' }).waitFor();
  assert.ok(wasm.some((w) => w.startsWith('/panels/panels-')), `the panels app loads its own wasm: ${wasm}`);
  assert.ok(!wasm.some((w) => w.startsWith('/staff/')), 'no staff code on a young person\'s phone');

  await page.getByRole('link', { name: 'Back' }).click();
  await page.getByRole('heading', { name: /^Hi / }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/home');

  await page.goto(BASE_URL + '/staff/dashboard');
  await page.getByRole('heading', { name: /^Hi / }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/home', 'a young person is taken home from a staff page');
  await page.context().close();
});

test('a signed-in officer opening a young person\'s page is taken to the staff app', async () => {
  const page = await phone(browser);
  const wasm = watchWasm(page);
  await signInStaff(page, 'officer@stoke-on-trent.example');
  await page.getByRole('heading', { name: 'Moderation queue' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/staff/officer');
  assert.ok(wasm[0].startsWith('/staff-door/staff_door-'), `signing in loads only the staff door: ${wasm}`);
  assert.ok(wasm.length === 2 && wasm[1].startsWith('/staff/staff-'), `then the staff app: ${wasm}`);
  for (const path of ['/', '/home', '/panels', '/staff']) {
    await page.goto(BASE_URL + path);
    await page.getByRole('heading', { name: 'Moderation queue' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/staff/officer', `${path} leads an officer to the queue`);
  }
  assert.deepEqual(page.foreign, [], 'no request to another origin');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Staff sign in' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/staff', 'staff sign out to their own front door');
  await page.goto(BASE_URL + '/staff/officer');
  await page.getByRole('heading', { name: 'Staff sign in' }).waitFor();
  await page.context().close();
});

test('a young person signing out in the panels app lands on the welcome page, signed out', async () => {
  const page = await phone(browser);
  await signInYoungPerson(page);
  await page.goto(BASE_URL + '/panels');
  await page.getByRole('heading', { name: 'Young commissioner panels' }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Hello! Welcome to Chorus' }).waitFor();
  await page.goto(BASE_URL + '/panels');
  await page.getByRole('heading', { name: 'Hello! Welcome to Chorus' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/', 'the panels app is closed after signing out');
  await page.context().close();
});
