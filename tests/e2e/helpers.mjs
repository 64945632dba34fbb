// Shared set-up for the browser tests: Debian's Chromium at a phone's width, axe-core on every
// page, and a guard that fails on any request to another origin.
import { chromium, request } from 'playwright-core';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { createHmac } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
// Injected through the DevTools protocol, so the app's strict CSP (no inline script) stays on.
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8080';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic'],
  });
}

/// A phone-sized page (or one of `viewport`'s size) that records requests to any other origin.
export async function phone(browser, viewport = { width: 360, height: 740 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const origin = new URL(BASE_URL).origin;
  page.foreign = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['data:', 'blob:', 'about:'].includes(url.protocol) && url.origin !== origin) page.foreign.push(r.url());
  });
  page.consoleErrors = [];
  page.on('requestfailed', (r) => { if (process.env.E2E_TRACE) console.log('TRACE FAILED', r.url(), r.failure()?.errorText); });
  page.on('console', (m) => { if (process.env.E2E_TRACE) console.log('TRACE CONSOLE', m.type(), m.text()); });
  page.on('response', (r) => { if (process.env.E2E_TRACE) console.log('TRACE', r.status(), r.url()); if (r.status() >= 400) page.consoleErrors.push(`${r.status()} ${r.request().method()} ${r.url()}`); });
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) page.consoleErrors.push(m.text()); });
  return page;
}

/// Runs axe-core on the current page; fails listing every violation.
export async function expectAccessible(page, label) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  const described = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(described, [], `axe violations on ${label}`);
}

/// WCAG 2.2 target size: every control (buttons, links other than links inside a sentence, and
/// labels wrapping a choice) is at least `min` CSS pixels tall and wide.
export async function expectTargets(page, min, label) {
  const { checked, small } = await page.evaluate((min) => {
    const controls = [...document.querySelectorAll('header button, header a, main button, main a, main label:has(input), main select, main input:not([type=radio]):not([type=checkbox])')]
      .filter((el) => el.offsetParent !== null && !el.closest('p'));
    const small = controls
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.height < min || box.width < min)
      .map(({ el, box }) => `${el.tagName.toLowerCase()} "${(el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`);
    return { checked: controls.length, small };
  }, min);
  assert.ok(checked >= 3, `controls found on ${label}`);
  assert.deepEqual(small, [], `targets under ${min} px on ${label}`);
}

export const STAFF_PASSWORD = 'chorus-demo-2026';
/// The demo admin's and officers' authenticator key (published; `demo::STAFF_AUTHENTICATOR_KEY`).
export const DEMO_AUTHENTICATOR_KEY = 'CHORUSDEMOSTAFFAUTHENTICATORKEY2';
/// Demo staff who sign in with a code as well as their password.
const NEEDS_CODE = ['officer@stoke-on-trent.example', 'officer2@stoke-on-trent.example', 'admin@stoke-on-trent.example'];

/// The RFC 6238 code of a base32 `key` for 30-second step `step` (what an authenticator app shows).
export function totp(key, step) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of key.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const secret = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const at = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(at) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/// A code from `key` that `email` has not used yet. The server takes each code once and the test
/// files run at once, so each step is claimed across processes (a directory made per step,
/// which only one process can make); the step before (while it has time left), the current one
/// or the next are taken, else the next step is waited for.
export async function freshCode(email, key = DEMO_AUTHENTICATOR_KEY) {
  const claims = join(tmpdir(), 'chorus-e2e-codes');
  mkdirSync(claims, { recursive: true });
  for (;;) {
    const seconds = Date.now() / 1000;
    const now = Math.floor(seconds / 30);
    const steps = (seconds % 30 < 25 ? [now - 1] : []).concat([now, now + 1]);
    for (const step of steps) {
      try {
        mkdirSync(join(claims, `${BASE_URL.replace(/\W/g, '_')}-${email}-${key.slice(0, 8)}-${step}`));
        return totp(key, step);
      } catch (e) {
        if (e.code !== 'EEXIST') throw e;
      }
    }
    await new Promise((r) => setTimeout(r, (30 - (seconds % 30)) * 1000 + 200));
  }
}

/// An access token for a demo member of staff, from the API (password, then a code if needed).
export async function staffToken(api, email) {
  const step = await (await api.post(BASE_URL + '/api/v1/auth/staff/sign-in', {
    data: { email, password: STAFF_PASSWORD },
  })).json();
  if (step.signed_in) return step.signed_in.session.access_token;
  const signedIn = await (await api.post(BASE_URL + '/api/v1/auth/staff/second-factor', {
    data: { challenge: step.code.challenge, code: await freshCode(email) },
  })).json();
  return signedIn.session.access_token;
}

/// Types the code step of a staff sign-in, for demo staff who need one.
export async function typeCode(page, email) {
  if (!NEEDS_CODE.includes(email)) return;
  await page.getByLabel('Code', { exact: true }).fill(await freshCode(email));
  await page.getByRole('button', { name: 'Continue' }).click();
}

/// Signs a member of staff in on the staff app's front door (demo password, and a code from the
/// demo authenticator key for those who need one).
export async function signInStaff(page, email) {
  await page.goto(BASE_URL + '/staff');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await typeCode(page, email);
}

/// Signs the demo young person in on the voice app and waits for their home page.
export async function signInYoungPerson(page, name = 'brave-otter-42', pin = '481516') {
  await page.goto(BASE_URL + '/sign-in');
  await page.getByLabel('Sign-in name').fill(name);
  await page.getByLabel('PIN').fill(pin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /^Hi / }).waitFor();
}

/// On the feedback page (one question a screen): "Next question" until the words and Send show.
export async function toTheWords(page) {
  const next = page.locator('#next-question');
  // The page may still be drawing: wait until a question or the words are on screen.
  await page.locator('#next-question:visible, #tell-us-more:visible').first().waitFor();
  while (await next.isVisible()) await next.click();
}

/// A port nothing listens on, for a server a test file starts of its own.
export async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/// Waits (up to 30 seconds) until `check` is true.
export async function until(check, what) {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/// Records what the page asks the phone to say, instead of saying it (`window.__spoken`).
export async function listenToSpeech(page) {
  await page.addInitScript(() => {
    window.__spoken = [];
    const synth = window.speechSynthesis;
    if (synth) synth.speak = (u) => window.__spoken.push({ text: u.text, lang: u.lang });
  });
}

/// A child of 4 to 7 whom the demo officer invites to `serviceIds` (default: the officer's first
/// service), joined through the API as `displayName` with PIN 270394; returns their sign-in name.
export async function youngestChild(displayName = 'Pip', serviceIds = undefined) {
  const api = await request.newContext();
  const headers = { Authorization: `Bearer ${await staffToken(api, 'officer@stoke-on-trent.example')}` };
  const services = serviceIds ?? [(await (await api.get(BASE_URL + '/api/v1/services', { headers })).json())[0].id];
  const invite = await api.post(BASE_URL + '/api/v1/invites', { headers, data: { age_band: '4-7', service_ids: services } });
  assert.equal(invite.status(), 201);
  const name = `little-owl-${(Date.now() + process.pid * 7) % 100000}`;
  const joined = await api.post(BASE_URL + '/api/v1/invites/redeem', {
    data: { code: (await invite.json()).code, sign_in_name: name, display_name: displayName, pin: '270394' },
  });
  assert.equal(joined.status(), 201);
  await api.dispose();
  return name;
}
