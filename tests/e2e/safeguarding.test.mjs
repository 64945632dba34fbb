// A disclosure from a young person's phone to a closed case: the officer sees the case with its
// clock, finds out who wrote it (the look is audited on the server), records a referral with its
// reference (refused without one, in words), and closes it with an outcome. The case page is
// checked with axe at 360 px and at a laptop width. A disclosure queued offline is sealed on the
// phone: after sign-out and quick exit no word of it can be read there, and it arrives once when
// the young person signs in again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'playwright-core';
import { launch, phone, expectAccessible, signInStaff, staffToken, toTheWords, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// Nothing wider than the screen (tables scroll inside their own wrapper).
async function fitsWidth(page, width, label) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= width, `${label} is ${scroll}px wide at ${width} px`);
}

test('a disclosure becomes a case the officer takes to an outcome', async () => {
  const api = await request.newContext();
  const name = `quiet-robin-${Date.now() % 100000}`;
  const joined = await api.post(BASE_URL + '/api/v1/invites/redeem', {
    data: { code: 'STKE-YP2H', sign_in_name: name, display_name: 'Robin', pin: '270394' },
  });
  assert.equal(joined.status(), 201);
  await api.dispose();

  // The young person tells us, in their own spelling.
  const young = await phone(browser);
  await young.goto(BASE_URL + '/sign-in');
  await young.getByLabel('Sign-in name').fill(name);
  await young.getByLabel('PIN').fill('270394');
  await young.getByRole('button', { name: 'Sign in' }).click();
  await young.getByRole('heading', { name: 'Hi Robin!' }).waitFor();
  await young.locator('a.card').first().click();
  await toTheWords(young);
  await young.getByLabel('Tell us more (you don\'t have to)').fill('he h u r t s me when nobody is looking');
  // Told plainly, before sending, that the team will know who it was.
  const privateChoice = young.getByRole('radio', { name: /^Keep my name private/ });
  assert.ok(await privateChoice.isChecked(), 'private is the default');
  assert.match(await young.locator('label[for="anonymous"]').innerText(), /if I say I'm not safe or ask to talk, the participation team will know it was me/);
  await young.getByLabel('I\'d like someone to talk to me about this').check();
  await young.getByRole('button', { name: 'Send' }).click();
  await young.waitForURL(/\/thanks/);
  // Who will be in touch, never what was said.
  await young.getByRole('status').getByText(/Someone from the participation team will be in touch soon\./).waitFor();
  assert.ok(!(await young.locator('main').innerText()).includes('nobody is looking'), 'their words are not repeated back');
  await young.context().close();

  // The officer, on a phone: the open case is first, with its clock.
  const page = await phone(browser);
  await signInStaff(page, 'officer@stoke-on-trent.example');
  await page.getByRole('heading', { name: 'Safeguarding cases' }).waitFor();
  const card = page.locator('section[aria-labelledby="alerts-heading"] li').first();
  await card.getByText(/open for \d+ min/).waitFor();
  assert.match(await card.innerText(), /asked to talk, wrote words on the safeguarding list/);
  await card.getByRole('link', { name: 'Open the case' }).click();
  await page.getByRole('heading', { name: 'Safeguarding case' }).waitFor();
  await page.getByText('New: nobody has taken it on yet').waitFor();
  const casePath = new URL(page.url()).pathname;
  await fitsWidth(page, 360, 'a new case');
  await expectAccessible(page, 'a new case at 360 px');

  await page.getByRole('button', { name: 'I\'m dealing with this' }).click();
  await page.getByLabel('What was done').waitFor();

  // Who wrote it: shown on request.
  await page.getByRole('button', { name: 'Show who wrote this' }).click();
  await page.getByText(name).waitFor();
  assert.ok(await page.getByText('Robin', { exact: true }).isVisible(), 'the name they gave');

  // A referral needs its reference: refused in words, then recorded.
  await page.getByLabel('What was done').selectOption({ label: 'Referred to children\'s social care' });
  await page.getByLabel('Referral reference').waitFor();
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await page.getByRole('alert').getByText(/reference of a referral/).waitFor();
  await page.getByLabel('Referral reference').fill('CSC-2026-0412');
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await page.getByText('Action recorded').waitFor();
  const steps = page.locator('ol.steps');
  assert.match(await steps.innerText(), /Referred to children's social care: CSC-2026-0412/);
  await fitsWidth(page, 360, 'a case with an action');
  await expectAccessible(page, 'a case with an action at 360 px');

  // Closed with an outcome, on a laptop.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByLabel('How did it end?').fill('Placement moved; safety plan agreed with the young person.');
  await page.getByRole('button', { name: 'Close the case' }).click();
  await page.getByText('Placement moved; safety plan agreed with the young person.').waitFor();
  await page.getByText(/^Closed by /).waitFor();
  assert.equal(await page.getByLabel('What was done').count(), 0, 'nothing more is recorded on a closed case');
  await expectAccessible(page, 'a closed case at a laptop width');

  // Back on the officer's page it is no longer open.
  await page.getByRole('link', { name: 'Back' }).click();
  await page.getByRole('heading', { name: 'Safeguarding cases' }).waitFor();
  const cases = page.locator('section[aria-labelledby="alerts-heading"]');
  await cases.locator(':is(li, p)').first().waitFor();
  assert.equal(await cases.locator(`a[href="${casePath}"]`).count(), 0, 'a closed case leaves the open list');
  assert.deepEqual(page.foreign, [], 'no request to another origin');
  await page.context().close();
});

test('an admin sets the duty rota, and an officer keeps the phrase list', async () => {
  const page = await phone(browser);
  await signInStaff(page, 'admin@stoke-on-trent.example');
  await page.getByRole('heading', { name: 'Duty rota' }).waitFor();
  await page.getByLabel('Office opens').fill('08:30');
  await page.getByLabel('Office closes').fill('17:30');
  for (const [n, who, email, hours, minutes] of [
    [1, 'Duty officer', 'duty@stoke.example', 'Office hours', '30'],
    [2, 'Emergency duty team', 'edt@stoke.example', 'Out of hours', '20'],
    [3, 'Head of service', 'not an address', 'Any time', '45'],
  ]) {
    await page.getByRole('button', { name: 'Add a step' }).click();
    const step = page.getByRole('group', { name: `Step ${n}` });
    await step.getByLabel('Who (for example Duty officer)').fill(who);
    await step.getByLabel('Email').fill(email);
    await step.getByLabel('When they are on').selectOption({ label: hours });
    await step.getByLabel('Minutes to acknowledge').fill(minutes);
  }
  await expectAccessible(page, 'duty rota at 360 px');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 360, 'no sideways scrolling');

  // Refused in words, naming the step; then mended and saved.
  await page.getByRole('button', { name: 'Save the duty rota' }).click();
  await page.getByRole('alert').getByText(/Step 3: "not an address" is not an email address/).waitFor();
  await page.getByRole('group', { name: 'Step 3' }).getByLabel('Email').fill('head@stoke.example');
  await page.getByRole('button', { name: 'Remove step 2' }).click();
  assert.equal(await page.getByRole('group', { name: /^Step \d$/ }).count(), 2, 'two steps left');
  await page.getByRole('button', { name: 'Save the duty rota' }).click();
  await page.getByRole('status').getByText('Saved.').waitFor();

  // What the server kept is what a reload shows.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.reload();
  const second = page.getByRole('group', { name: 'Step 2' });
  await second.getByLabel('Email').waitFor();
  await page.waitForFunction(() => document.querySelector('#office-opens')?.value === '08:30');
  assert.equal(await second.getByLabel('Who (for example Duty officer)').inputValue(), 'Head of service');
  assert.equal(await second.getByLabel('When they are on').inputValue(), 'any');
  assert.equal(await page.getByRole('group', { name: /^Step \d$/ }).count(), 2);
  await expectAccessible(page, 'duty rota at a laptop width');
  await page.context().close();

  // The participation officer keeps the phrases on their own page.
  const officer = await phone(browser);
  await signInStaff(officer, 'officer@stoke-on-trent.example');
  await officer.getByRole('link', { name: 'Safeguarding phrases' }).click();
  await officer.getByRole('heading', { name: 'Safeguarding phrases' }).waitFor();
  const phrases = officer.getByLabel('Safeguarding phrases');
  await officer.waitForFunction(() => document.querySelector('#phrases')?.value.includes('hurt me'));
  await phrases.fill((await phrases.inputValue()) + '\nlocked in my room');
  await officer.getByRole('button', { name: 'Save phrases' }).click();
  await officer.getByText('Saved.').waitFor();
  assert.ok((await phrases.inputValue()).includes('locked in my room'));
  assert.ok(await officer.evaluate(() => document.documentElement.scrollWidth) <= 360, 'no sideways scrolling');
  await expectAccessible(officer, 'phrases for the officer at 360 px');
  await officer.context().close();
});

/// Everything this phone's browser keeps for the app, as text: localStorage and sessionStorage,
/// every IndexedDB store's records, every response in the Cache API, and the cookies (HttpOnly
/// ones too, from the browser's side).
async function everythingKept(page) {
  const inPage = await page.evaluate(async () => {
    const texts = [];
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++) texts.push(storage.key(i), storage.getItem(storage.key(i)));
    }
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise((resolve, reject) => { const r = indexedDB.open(name); r.onsuccess = () => resolve(r.result); r.onerror = reject; });
      for (const store of db.objectStoreNames) {
        const all = await new Promise((resolve) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => resolve(r.result); });
        texts.push(JSON.stringify(all));
      }
      db.close();
    }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) texts.push(request.url, await (await cache.match(request)).text());
    }
    return texts.join('\n');
  });
  const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`);
  return [inPage, ...cookies].join('\n');
}

/// The outboxes kept on this phone (feedback waiting to be sent), as stored.
async function waiting(page) {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('chorus.outbox.')).map((k) => localStorage.getItem(k)).join('\n'));
}

test('a disclosure queued offline is unreadable on the phone after sign-out and quick exit, and arrives once after signing in again', async () => {
  const api = await request.newContext();
  const name = `still-wren-${Date.now() % 100000}`;
  const joined = await api.post(BASE_URL + '/api/v1/invites/redeem', {
    data: { code: 'STKE-YP2E', sign_in_name: name, display_name: 'Wren', pin: '270394' },
  });
  assert.equal(joined.status(), 201);
  const stamp = String(Date.now());
  const words = `he hurts me after school ${stamp}`;
  const young = await phone(browser);
  const context = young.context();
  await young.goto(BASE_URL + '/sign-in');
  await young.getByLabel('Sign-in name').fill(name);
  await young.getByLabel('PIN').fill('270394');
  await young.getByRole('button', { name: 'Sign in' }).click();
  await young.getByRole('heading', { name: 'Hi Wren!' }).waitFor();
  await young.evaluate(async () => { await navigator.serviceWorker.ready; });
  await young.locator('a.card').first().click();
  await toTheWords(young);
  await young.getByLabel('Tell us more (you don\'t have to)').fill(words);

  // No signal: kept on the phone, sealed. Signed out and quick exit, still offline.
  await context.setOffline(true);
  await young.getByRole('button', { name: 'Send' }).click();
  await young.getByText('Waiting to send. Your phone is keeping it safe').waitFor();
  await young.getByRole('button', { name: 'Sign out' }).click();
  await young.getByRole('button', { name: 'Quick exit' }).click();
  await young.waitForURL('about:blank');

  // Whoever picks the phone up next finds no word of it anywhere the browser keeps things.
  const look = await context.newPage();
  await look.goto(BASE_URL + '/');
  await look.getByRole('button', { name: 'Quick exit' }).waitFor();
  const kept = await everythingKept(look);
  assert.match(await waiting(look), /"sealed":\[\{"id":"[-0-9a-f]+","sealed":"sealed1\.[A-Za-z0-9+/=]+"\}\]/, 'the feedback is still on the phone, sealed');
  for (const part of ['hurts', 'school', stamp]) {
    assert.ok(!kept.toLowerCase().includes(part), `"${part}" readable on the phone`);
  }
  await look.close();

  // Back online: the sign-out owed reaches the server, and nobody is signed back in by the old
  // cookie. Signing in again sends it, once.
  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto(BASE_URL + '/home');
  await again.waitForURL((url) => url.pathname === '/' || url.pathname === '/sign-in');
  await again.goto(BASE_URL + '/sign-in');
  await again.getByLabel('Sign-in name').fill(name);
  await again.getByLabel('PIN').fill('270394');
  await again.getByRole('button', { name: 'Sign in' }).click();
  await again.getByRole('heading', { name: 'Hi Wren!' }).waitFor();
  const officer = await staffToken(api, 'officer@stoke-on-trent.example');
  const sent = async () => {
    const queue = await (await api.get(BASE_URL + '/api/v1/moderation/queue', { headers: { Authorization: `Bearer ${officer}` } })).json();
    return queue.filter((item) => item.tell_us_more === words).length;
  };
  for (let i = 0; i < 100 && await sent() === 0; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(await sent(), 1, 'delivered');
  // Opened again (perhaps before the phone heard the answer, so it sends again): still once.
  await again.reload();
  await again.getByRole('heading', { name: 'Hi Wren!' }).waitFor();
  for (let i = 0; i < 100 && (await waiting(again)) !== ''; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(await waiting(again), '', 'nothing left waiting on the phone');
  assert.equal(await sent(), 1, 'exactly once');
  await api.dispose();
  await context.close();
});
