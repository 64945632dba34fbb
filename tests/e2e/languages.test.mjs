// Every young person can use it: the young person's pages in English, Polish, Urdu and Arabic
// (right-to-left mirrors the page), easy read (one question a screen, bigger words), and read
// aloud in the chosen language. axe-core on every page in every language; nothing leaves the
// origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, phone, expectAccessible, expectTargets, listenToSpeech, toTheWords, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function signIn(page, name, pin) {
  await page.goto(BASE_URL + '/sign-in');
  // Accessible authentication: password managers can fill both fields; nothing blocks pasting.
  assert.equal(await page.locator('#who').getAttribute('autocomplete'), 'username');
  assert.equal(await page.locator('#secret').getAttribute('autocomplete'), 'current-password');
  assert.equal(await page.locator('#secret').getAttribute('onpaste'), null);
  await page.locator('#who').fill(name);
  await page.locator('#secret').fill(pin);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(/\/home$/);
  await page.locator('a.card').first().waitFor();
}

const LANGUAGES = [
  { code: 'pl', name: 'Polski', dir: 'ltr' },
  { code: 'ur', name: 'اردو', dir: 'rtl' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
];

for (const language of LANGUAGES) {
  test(`the young person's pages in ${language.name}`, async () => {
    const page = await phone(browser);
    await listenToSpeech(page);
    await page.goto(BASE_URL + '/');
    const englishTitle = 'Hello! Welcome to Chorus';
    await page.getByRole('heading', { name: englishTitle }).waitFor();
    await page.getByRole('button', { name: language.name }).click();
    await page.waitForFunction((code) => document.documentElement.lang === code, language.code);
    assert.equal(await page.evaluate(() => document.documentElement.dir), language.dir);
    const title = await page.locator('h1').innerText();
    assert.notEqual(title, englishTitle, 'the welcome page is translated');
    await expectAccessible(page, `welcome (${language.code})`);
    await page.goto(BASE_URL + '/join');
    await page.locator('#invite-code').waitFor();
    await expectAccessible(page, `join (${language.code})`);
    await page.goto(BASE_URL + '/sign-in');
    await page.locator('#who').waitFor();
    await expectAccessible(page, `sign in (${language.code})`);
    await signIn(page, 'swift-wolf-19', '830152');
    assert.equal(await page.evaluate(() => document.documentElement.dir), language.dir, 'the choice stays after signing in');
    await expectAccessible(page, `home (${language.code})`);
    await expectTargets(page, 44, `home (${language.code})`);
    if (language.dir === 'rtl') {
      // Mirrored: the brand sits on the right, quick exit on the left.
      const brand = await page.locator('.yp-bar .brand').boundingBox();
      const exit = await page.locator('.quick-exit').boundingBox();
      assert.ok(brand.x > exit.x, 'the bar mirrors right to left');
    }
    await page.locator('a.card').first().click();
    await page.locator('fieldset.question').first().waitFor();
    await expectAccessible(page, `feedback (${language.code})`);
    await expectTargets(page, 44, `feedback (${language.code})`);
    assert.equal(await page.locator('.read-one').count(), await page.locator('fieldset.question').count(), 'a read-aloud button for every question');
    await page.locator('.read-one').first().click();
    const spoken = await page.evaluate(() => window.__spoken);
    assert.equal(spoken.length, 1, 'the question is read aloud');
    assert.equal(spoken[0].lang, language.code, 'in the chosen language');
    const legend = await page.locator('fieldset.question legend').first().innerText();
    assert.ok(spoken[0].text.startsWith(legend.trim()), 'the question and its options are read');
    await page.goto(BASE_URL + '/settings');
    await page.locator('#easy-read').waitFor();
    await expectAccessible(page, `settings (${language.code})`);
    await page.goto(BASE_URL + '/privacy');
    await page.locator('section.lesson').first().waitFor();
    await expectAccessible(page, `privacy (${language.code})`);
    await page.goto(BASE_URL + '/panels');
    await page.locator('h1').waitFor();
    await expectAccessible(page, `panels (${language.code})`);
    for (const path of ['/my-feedback', '/panels/training', '/panels/record']) {
      await page.goto(BASE_URL + path);
      await page.locator('main h1').waitFor();
      await page.waitForFunction(() => !document.querySelector('main')?.innerText.includes('…'));
      await expectAccessible(page, `${path} (${language.code})`);
    }
    // Sending feedback in this language reaches the thank-you page.
    await page.goto(BASE_URL + '/home');
    await page.locator('a.card').first().click();
    await page.locator('fieldset.question input[type=radio]').nth(3).check();
    await toTheWords(page);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL(/\/thanks$/);
    await page.locator('main h1').waitFor();
    await expectAccessible(page, `thanks (${language.code})`);
    assert.deepEqual(page.foreign, [], 'no request to another origin');
    await page.context().close();
  });
}

test('easy read: bigger words, one question a screen, and the whole page read aloud', async () => {
  const page = await phone(browser);
  await listenToSpeech(page);
  await signIn(page, 'swift-wolf-19', '830152');
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel(/^Easy read/).check();
  await page.waitForFunction(() => document.documentElement.classList.contains('easy-read'));
  await expectAccessible(page, 'settings (easy read)');
  await page.goto(BASE_URL + '/home');
  await page.locator('a.card').first().click();
  await page.getByText(/^Question 1 of \d$/).waitFor();
  assert.equal(await page.locator('fieldset.question:visible').count(), 1, 'one question a screen');
  await expectAccessible(page, 'feedback (easy read)');
  await expectTargets(page, 44, 'feedback (easy read)');
  // Reduced motion is respected: nothing animates when the phone asks for less motion.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const moving = await page.evaluate(() => [...document.querySelectorAll('*')].filter((el) => {
    const s = getComputedStyle(el);
    return (s.animationName !== 'none' && parseFloat(s.animationDuration) > 0) || parseFloat(s.transitionDuration) > 0;
  }).length);
  assert.equal(moving, 0, 'no animation or transition with reduced motion');
  const first = await page.locator('fieldset.question:visible legend').innerText();
  await page.getByRole('button', { name: 'Next question' }).click();
  await page.getByText(/^Question 2 of \d$/).waitFor();
  assert.notEqual(await page.locator('fieldset.question:visible legend').innerText(), first);
  const size = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  assert.ok(size >= 20, `bigger words (${size}px)`);
  await page.getByRole('button', { name: 'Read aloud' }).click();
  const spoken = await page.evaluate(() => window.__spoken);
  assert.equal(spoken.length, 1);
  assert.ok(spoken[0].text.includes('Question 2 of'), 'the page is read aloud');
  // Unaided to the end: answer each question on its own screen, then send.
  await page.locator('fieldset.question:visible').getByLabel(/Good$/).check();
  while (await page.getByRole('button', { name: 'Next question' }).isVisible()) {
    await page.getByRole('button', { name: 'Next question' }).click();
  }
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
  await expectAccessible(page, 'thanks (easy read)');
  assert.deepEqual(page.foreign, [], 'no request to another origin');
  await page.context().close();
});
