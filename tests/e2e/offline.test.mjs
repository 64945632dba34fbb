// On a phone with a bad connection: feedback given offline is kept on the phone, survives the
// page being closed and reopened, and is sent by itself, once, when the connection returns.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'playwright-core';
import { launch, phone, expectAccessible, toTheWords, staffToken, typeCode, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function officerQueueCount(page, words) {
  // A separate client with its own cookies: the officer must not sign in on the young person's phone.
  const api = await request.newContext();
  const access_token = await staffToken(api, 'officer@stoke-on-trent.example');
  const queue = await (await api.get(BASE_URL + '/api/v1/moderation/queue', { headers: { Authorization: `Bearer ${access_token}` } })).json();
  await api.dispose();
  return queue.filter((item) => item.tell_us_more === words).length;
}

test('feedback given offline is sent once when the phone is back online, even after a reload', async () => {
  const page = await phone(browser);
  const context = page.context();
  const words = `Written on the bus with no signal ${Date.now()}`;
  await page.goto(BASE_URL + '/sign-in');
  await page.getByLabel('Sign-in name').fill('calm-heron-7');
  await page.getByLabel('PIN').fill('270394');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Hi Mo!' }).waitFor();
  // The service worker has kept the app's shell.
  assert.equal(await page.evaluate(async () => { await navigator.serviceWorker.ready; return true; }), true);

  await page.locator('a.card').first().click();
  await page.getByRole('group', { name: 'I feel safe here' }).getByLabel(/Good$/).check();
  await toTheWords(page);
  await page.getByLabel('Tell us more (you don\'t have to)').fill(words);
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByText('Waiting to send. Your phone is keeping it safe').waitFor();
  await expectAccessible(page, 'thanks, waiting to send');

  // Closed and reopened with no connection: the app still opens, stays on its page and still
  // holds the feedback.
  await page.reload();
  await page.getByText('Waiting to send: you are offline.').waitFor();
  assert.equal(new URL(page.url()).pathname, '/thanks', 'not sent away while offline');

  await context.setOffline(false);
  await page.getByText('Waiting to send: you are offline.').waitFor({ state: 'detached', timeout: 15000 });
  assert.equal(await officerQueueCount(page, words), 1, 'stored exactly once');
  // Opening the app again online sends nothing more.
  await page.goto(BASE_URL + '/home');
  await page.getByRole('heading', { name: 'Hi Mo!' }).waitFor();
  assert.equal(await officerQueueCount(page, words), 1, 'still exactly once');
  assert.deepEqual(page.foreign, [], 'no request to another origin');
  await context.close();
});
