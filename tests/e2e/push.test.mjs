// Notifications (issue 16): a young person turns them on in settings, sends feedback; an officer
// publishes it and answers with "we did"; each reaches the phone's push service — here a
// receiver on loopback that checks the VAPID token and decrypts the payload with the phone's
// keys (RFC 8291) — saying only that there is news, and the young person's news shows what.
// Headless Chromium has no push service offline, so the page's PushManager is replaced by one
// that hands over the receiver's address and keys, as a phone's browser would its own.
// This file runs its own server (demo data, background jobs and push on), beside the demo's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createECDH, createPublicKey, hkdfSync, randomBytes, verify, createDecipheriv } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, phone, expectAccessible, freshCode, toTheWords, freePort, until, STAFF_PASSWORD } from './helpers.mjs';

const BACKEND = process.env.CHORUS_BACKEND_BIN;
const b64url = (buf) => Buffer.from(buf).toString('base64url');

let browser;
let work;
let server;
let base;
let receiver;
const pushes = [];
// The phone's keys, made here as a browser makes them for a subscription.
const phoneKeys = createECDH('prime256v1');
phoneKeys.generateKeys();
const phoneAuth = randomBytes(16);

/// RFC 8292: `vapid t=<ES256 token>, k=<public key>`, the token signed by that key, for `origin`.
function checkVapid(header, origin) {
  const parts = Object.fromEntries(header.replace(/^vapid /, '').split(',').map((p) => p.trim().split('=')));
  const point = Buffer.from(parts.k, 'base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) }, format: 'jwk' });
  const [head, body, signature] = parts.t.split('.');
  assert.ok(verify('sha256', Buffer.from(`${head}.${body}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url')), 'the VAPID signature verifies');
  const claims = JSON.parse(Buffer.from(body, 'base64url'));
  assert.equal(claims.aud, origin);
  assert.ok(claims.exp > Date.now() / 1000 && claims.sub.startsWith('mailto:'));
  return parts.k;
}

/// RFC 8291 with RFC 8188's aes128gcm: the payload as the phone would read it.
function decrypt(body) {
  const salt = body.subarray(0, 16);
  const idLength = body[20];
  const serverKey = body.subarray(21, 21 + idLength);
  const sealed = body.subarray(21 + idLength);
  const shared = phoneKeys.computeSecret(serverKey);
  const info = Buffer.concat([Buffer.from('WebPush: info\0'), phoneKeys.getPublicKey(), serverKey]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, phoneAuth, info, 32));
  const key = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', key, nonce);
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  const padded = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
  return padded.subarray(0, padded.lastIndexOf(2)).toString('utf8');
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'chorus-push-'));
  const [port, pushPort] = [await freePort(), await freePort()];
  const pushOrigin = `http://127.0.0.1:${pushPort}`;
  receiver = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        const key = checkVapid(req.headers.authorization, pushOrigin);
        assert.equal(req.headers['content-encoding'], 'aes128gcm');
        pushes.push({ path: req.url, key, text: decrypt(Buffer.concat(chunks)) });
        res.writeHead(201).end();
      } catch (e) {
        pushes.push({ path: req.url, error: String(e) });
        res.writeHead(400).end();
      }
    });
  }).listen(pushPort, '127.0.0.1');
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite://${work}/chorus.db?mode=rwc`,
    CHORUS_APPLICATION__PORT: String(port),
    CHORUS_JOBS__ENABLED: 'true',
    CHORUS_JOBS__POLL_INTERVAL_MS: '200',
    CHORUS_PUSH__ENDPOINT_HOSTS: '127.0.0.1',
    CHORUS_PUSH__ALLOW_HTTP: 'true',
    CHORUS_PUSH__SUBJECT: 'mailto:participation@stoke-on-trent.example',
  };
  env.CHORUS_PUSH__VAPID_PRIVATE_KEY = execFileSync(BACKEND, ['vapid-key'], { env, encoding: 'utf8' }).trim();
  execFileSync(BACKEND, ['demo-data'], { env, stdio: 'ignore' });
  server = spawn(BACKEND, ['serve'], { env, stdio: 'ignore' });
  base = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${base}/api/v1/health`).catch(() => ({ ok: false }))).ok, 'the server');
  browser = await launch();
  phoneKeys.endpoint = `${pushOrigin}/push/jays-phone`;
});

after(async () => {
  await browser?.close();
  server?.kill();
  receiver?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/// What an officer does, through the API of this file's server.
async function asOfficer() {
  const email = 'officer@stoke-on-trent.example';
  const post = (path, body, token) => fetch(`${base}/api/v1${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body),
  });
  const step = await (await post('/auth/staff/sign-in', { email, password: STAFF_PASSWORD })).json();
  const signedIn = await (await post('/auth/staff/second-factor', { challenge: step.code.challenge, code: await freshCode(`${email}-push`) })).json();
  const token = signedIn.session.access_token;
  const queue = await (await fetch(`${base}/api/v1/moderation/queue`, { headers: { authorization: `Bearer ${token}` } })).json();
  return { token, queue, post };
}

test('notifications on: publishing and "we did" reach the phone as a push that says only that there is news', async () => {
  const page = await phone(browser);
  await page.context().grantPermissions(['notifications'], { origin: base });
  // The phone's browser: a subscription to the receiver, with the phone's keys.
  await page.addInitScript(({ endpoint, p256dh, auth }) => {
    // Kept across page loads, as a browser keeps its subscriptions.
    const made = () => ({ endpoint, toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }),
      unsubscribe: async () => { sessionStorage.removeItem('test.subscribed'); return true; } });
    PushManager.prototype.subscribe = async function (options) {
      window.subscribedWithKey = options.applicationServerKey;
      sessionStorage.setItem('test.subscribed', '1');
      return made();
    };
    PushManager.prototype.getSubscription = async function () { return sessionStorage.getItem('test.subscribed') ? made() : null; };
  }, { endpoint: phoneKeys.endpoint, p256dh: b64url(phoneKeys.getPublicKey()), auth: b64url(phoneAuth) });

  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Sign-in name').fill('brave-otter-42');
  await page.getByLabel('PIN').fill('481516');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Hi Jay!' }).waitFor();
  await page.goto(`${base}/settings`);
  const toggle = page.getByLabel('Tell me on this phone when I have news');
  assert.equal(await toggle.isChecked(), false, 'off until the young person turns it on');
  await page.getByText('never what it is about').waitFor();
  await expectAccessible(page, 'settings with notifications');
  await toggle.check();
  await until(async () => (await page.evaluate(() => window.subscribedWithKey)) !== undefined, 'the subscription');
  const key = await page.evaluate(() => window.subscribedWithKey);

  const words = `The new garden is lovely ${Date.now()}`;
  await page.goto(`${base}/home`);
  await page.locator('a.card').first().click();
  await page.getByRole('group', { name: 'I feel safe here' }).getByLabel('Really good').check();
  await toTheWords(page);
  await page.getByLabel('Tell us more (you don\'t have to)').fill(words);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('heading', { name: 'Thank you!' }).waitFor();

  const officer = await asOfficer();
  const item = officer.queue.find((i) => i.tell_us_more === words);
  assert.ok(item, 'the officer sees the feedback');
  assert.equal((await officer.post(`/moderation/feedback/${item.id}/approve`, {}, officer.token)).status, 204);
  assert.equal((await officer.post('/responses', { feedback_id: item.id, body: 'We planted sunflowers by the door.' }, officer.token)).status, 201);

  await until(() => pushes.length >= 2, 'two pushes');
  assert.deepEqual(pushes.map((p) => p.error), [undefined, undefined], 'each push verified and decrypted');
  for (const push of pushes) {
    assert.equal(push.path, '/push/jays-phone');
    assert.equal(push.key, key, 'signed with the key the phone subscribed with');
    assert.equal(push.text, 'You have news in Chorus', 'content-free');
  }

  await page.goto(`${base}/home`);
  await page.getByRole('link', { name: 'News: 2 new' }).click();
  await page.getByText('We planted sunflowers by the door.').waitFor();
  await expectAccessible(page, 'news after a push');

  // Off again: the phone's subscription ends at Chorus too.
  await page.goto(`${base}/settings`);
  await until(async () => page.getByLabel('Tell me on this phone when I have news').isChecked(), 'the toggle to show on');
  await page.getByLabel('Tell me on this phone when I have news').uncheck();
  await until(async () => !(await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.pushManager.getSubscription()))), 'the subscription to end');
  assert.deepEqual(page.consoleErrors, [], 'no errors in the console');
  await page.context().close();
});
