// Chorus is three web apps (voice at /, panels at /panels/, staff at /staff/), each its own wasm.
// Whoever opens a page of an app that is not theirs is taken to their own home; moving between a
// young person's two apps keeps them signed in; each app downloads only its own wasm.
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

test('a young person moves between the voice and panels apps signed in, and never sees the staff app', async () => {
  const page = await phone(browser);
  const wasm = watchWasm(page);
  await signInYoungPerson(page);
  assert.ok(wasm.length === 1 && wasm[0].startsWith('/frontend-'), `the voice app loads one wasm: ${wasm}`);

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
  await signInStaff(page, 'officer@stoke-on-trent.example');
  await page.getByRole('heading', { name: 'Moderation queue' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/staff/officer');
  for (const path of ['/', '/home', '/panels']) {
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
