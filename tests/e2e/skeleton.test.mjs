// Walking skeleton, end to end on a 360 px phone: a young person redeems an invite, gives
// feedback, and a participation officer sees it. axe-core runs on every page visited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, phone, expectAccessible, toTheWords, staffToken, typeCode, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const words = `The staff are kind and we go bowling sometimes ${Date.now()}, ring me on 07700 900123`;
let robin = null; // Robin's sign-in name, chosen when joining

test('a young person joins with an invite and gives feedback on a phone', async () => {
  const page = await phone(browser);
  await page.goto(BASE_URL + '/');
  await page.getByRole('heading', { name: 'Hello! Welcome to Chorus' }).waitFor();
  await expectAccessible(page, 'welcome');

  await page.getByRole('link', { name: 'I have an invite code' }).click();
  await page.getByLabel('Your invite code').fill('stke yp2a');
  await expectAccessible(page, 'join: code');
  await page.getByRole('button', { name: 'Next' }).click();
  const suggested = page.getByLabel('Your sign-in name');
  await suggested.waitFor();
  assert.match(await suggested.inputValue(), /^[a-z]+-[a-z]+-\d+$/);
  robin = await suggested.inputValue();
  await page.getByLabel('What should we call you?').fill('Robin');
  await page.getByLabel('Choose a PIN (6 or more numbers)').fill('270394');
  await page.getByLabel('Type your PIN again').fill('270394');
  await expectAccessible(page, 'join: account');
  await page.getByRole('button', { name: 'Make my account' }).click();
  await page.locator('#my-sign-in-name').waitFor();
  await expectAccessible(page, 'join: done');
  await page.getByRole('link', { name: 'Go to my page' }).click();

  await page.getByRole('heading', { name: 'Hi Robin!' }).waitFor();
  await expectAccessible(page, 'home');
  const quickExit = page.getByRole('button', { name: 'Quick exit' });
  assert.ok(await quickExit.isVisible(), 'quick exit is on the young person\'s page');
  const box = await quickExit.boundingBox();
  assert.ok(box.height >= 44 && box.width >= 44, 'quick exit is a big target');

  await page.locator('a.card').first().click();
  await page.getByRole('group', { name: 'I feel safe here' }).waitFor();
  await expectAccessible(page, 'feedback form');
  // One question a screen: answer, then on to the next.
  await page.getByRole('group', { name: 'I feel safe here' }).getByLabel(/Good$/).check();
  await page.getByRole('button', { name: 'Next question' }).click();
  await page.getByRole('group', { name: 'People here care about me' }).getByLabel('Really good').check();
  await page.getByRole('button', { name: 'Next question' }).click();
  await page.getByRole('group', { name: 'I get a say in things that affect me' }).getByLabel('Skip').check();
  await toTheWords(page);
  await page.getByLabel('Tell us more (you don\'t have to)').fill(words);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
  await page.getByText('Sent. We got it.').waitFor();
  await expectAccessible(page, 'thanks');

  // Reloading keeps the young person signed in (refresh cookie), with nothing in web storage.
  await page.reload();
  await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
  // Only display choices (language, easy read) may be kept; nothing personal.
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k !== 'chorus.prefs').length + sessionStorage.length);
  assert.equal(stored, 0, 'nothing is kept in web storage');
  await page.getByRole('link', { name: 'My feedback and what changed' }).click();
  await page.getByRole('heading', { name: 'My feedback' }).waitFor();
  await page.getByText(words).waitFor();
  assert.ok(await page.getByText('Sent', { exact: true }).first().isVisible());
  await expectAccessible(page, 'my feedback');

  assert.deepEqual(page.foreign, [], 'no request to another origin');
  assert.deepEqual(page.consoleErrors, [], 'no errors in the console');
  await page.context().close();
});

test('the participation officer sees that feedback in the queue', async () => {
  const page = await phone(browser);
  await page.goto(BASE_URL + '/staff');
  await page.getByLabel('Email').fill('officer@stoke-on-trent.example');
  await page.getByLabel('Password').fill('chorus-demo-2026');
  await expectAccessible(page, 'staff sign in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Type your sign-in code' }).waitFor();
  await expectAccessible(page, 'staff sign-in code');
  await typeCode(page, 'officer@stoke-on-trent.example');
  await page.getByRole('heading', { name: 'Moderation queue' }).waitFor();
  await page.getByText(words).waitFor();
  await expectAccessible(page, 'moderation queue');

  // The phone number is highlighted; approving publishes the words without it.
  const card = page.locator('li.card', { hasText: words });
  await card.getByText('Will be published as').waitFor();
  assert.ok((await card.textContent()).includes('ring me on [removed]'));
  // Words the officer marks by hand (here one word; usually a person's name) are removed too.
  await card.getByLabel('Also remove these words').fill('bowling');
  assert.ok((await card.textContent()).includes('we go [removed] sometimes'));
  await card.getByLabel('You said, we did: what changed?').fill('We booked a bowling trip for everyone.');
  await card.getByRole('button', { name: 'Send to the young person' }).click();
  await card.getByRole('button', { name: 'Sent' }).waitFor();
  await card.getByRole('button', { name: 'Approve (remove highlighted details)' }).click();
  await page.locator('li.card', { hasText: words }).waitFor({ state: 'detached' });
  assert.deepEqual(page.foreign, [], 'no request to another origin');
  await page.context().close();
});

test('the young person sees what changed because they spoke', async () => {
  assert.ok(robin, 'Robin joined in the first test');
  const page = await phone(browser);
  await page.goto(BASE_URL + '/sign-in');
  await page.getByLabel('Sign-in name').fill(robin);
  await page.getByLabel('PIN').fill('270394');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Hi Robin!' }).waitFor();
  // News on the home page: the words were read and shared, and a "we did" answers them.
  await page.getByRole('link', { name: 'News: 2 new' }).click();
  await page.getByRole('heading', { name: 'News' }).waitFor();
  await page.getByText(/^Your feedback about .+ was read and shared\.$/).waitFor();
  await page.getByText(/^You said, we did: /).waitFor();
  assert.equal(await page.locator('.news .badge').count(), 2, 'both are new on this visit');
  assert.ok(await page.getByText('We booked a bowling trip for everyone.').isVisible());
  await expectAccessible(page, 'news');
  await page.getByRole('link', { name: 'Back' }).click();
  // Seen now: the home page's link no longer counts them.
  await page.getByRole('link', { name: 'News', exact: true }).waitFor();
  await page.getByRole('link', { name: 'My feedback and what changed' }).click();
  await page.getByText('We booked a bowling trip for everyone.').waitFor();
  assert.ok(!(await page.content()).includes('movie night on Fridays'), "never another young person's words");
  assert.ok(await page.getByText('Something changed', { exact: true }).first().isVisible());
  await expectAccessible(page, 'my feedback with a response');
  await page.context().close();
});

test('quick exit leaves the app at once', async () => {
  const page = await phone(browser);
  await page.goto(BASE_URL + '/sign-in');
  await page.getByLabel('Sign-in name').fill('brave-otter-42');
  await page.getByLabel('PIN').fill('481516');
  await expectAccessible(page, 'sign in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Hi Jay!' }).waitFor();
  await page.getByRole('button', { name: 'Quick exit' }).click();
  await page.waitForURL('about:blank');
  await page.context().close();
});
