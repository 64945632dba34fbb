// The young person's pages on a 360 px phone: the feedback page one question a screen with the
// faces as pictures (still native radios underneath), no glyph a phone may lack, quick exit on
// the pages before signing in, and staff pages without sideways scrolling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, phone, expectAccessible, expectTargets, signInStaff, signInYoungPerson, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const FACES = ['Really bad', 'Not good', 'OK', 'Good', 'Really good'];

/// Every character on screen, drawn in its element's own font, must come out as a real glyph:
/// one drawn exactly like a character no font has (a private-use one) is an empty box. Emoji are
/// refused outright, since many phones lack them or draw them differently. Returns what fails.
async function missingGlyphs(page) {
  return page.evaluate(() => {
    const found = new Map(); // font → set of characters
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest('script, style') || !el.getClientRects().length) continue;
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden') continue;
      const font = `${s.fontStyle} ${s.fontWeight} 32px ${s.fontFamily}`;
      if (!found.has(font)) found.set(font, new Set());
      for (const ch of node.data) if (!/\s/u.test(ch)) found.get(font).add(ch);
    }
    const canvas = document.createElement('canvas');
    canvas.width = 64; canvas.height = 64;
    const g = canvas.getContext('2d', { willReadFrequently: true });
    const draw = (font, ch) => {
      g.clearRect(0, 0, 64, 64);
      g.font = font;
      g.fillText(ch, 8, 44);
      return g.getImageData(0, 0, 64, 64).data.join();
    };
    const bad = [];
    for (const [font, chars] of found) {
      const box = draw(font, '\uE000');
      for (const ch of chars) {
        if (/\p{Extended_Pictographic}/u.test(ch) && !/[©®™]/u.test(ch)) bad.push(`emoji ${ch} U+${ch.codePointAt(0).toString(16)}`);
        else if (draw(font, ch) === box) bad.push(`no glyph for ${ch} U+${ch.codePointAt(0).toString(16)} in ${font}`);
      }
    }
    return bad;
  });
}

/// The faces shown are pictures (SVG) of a real size.
async function faceSizes(page) {
  return page.locator('fieldset.question:visible svg.face-icon').evaluateAll((svgs) => svgs.map((s) => {
    const r = s.getBoundingClientRect();
    return Math.min(r.width, r.height);
  }));
}

test('feedback on a phone: one question a screen, faces tapped by their picture, and a way back', async () => {
  const page = await phone(browser);
  await signInYoungPerson(page);
  await page.locator('a.card').first().click();
  const progress = page.getByText(/^Question \d of \d$/);
  await progress.waitFor();
  const total = Number((await progress.innerText()).match(/of (\d)$/)[1]);
  assert.ok(total >= 2, 'several questions');
  assert.equal(await progress.innerText(), `Question 1 of ${total}`);
  assert.equal(await page.locator('fieldset.question:visible').count(), 1, 'one question a screen');
  assert.ok(!(await page.getByRole('button', { name: 'Send' }).isVisible()), 'Send waits for the end');
  const question = page.locator('fieldset.question:visible');
  const first = (await question.locator('legend').innerText()).trim();

  // Through the accessibility tree: a group named by the question, each face a radio with its name,
  // in order, then Skip.
  const tree = await page.locator('main form').ariaSnapshot();
  const group = tree.split('\n- group').find((g) => g.includes(`"${first}"`)) ?? tree;
  assert.match(tree, new RegExp(`- group "${first}"`), `the question names its group:\n${tree}`);
  const radios = [...group.matchAll(/- radio "([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(radios, [...FACES, 'Skip'], `each face reads as a radio with its name, in order:\n${group}`);
  assert.equal(await question.getByRole('radio').count(), 6, 'six radios in the group');

  // The faces are colour pictures of a real size, and the tap targets.
  const sizes = await faceSizes(page);
  assert.equal(sizes.length, 5);
  assert.ok(sizes.every((s) => s >= 40), `faces are big pictures (${sizes})`);
  await expectTargets(page, 44, 'feedback question');
  await expectAccessible(page, 'feedback question');

  // Tapped by its picture: the radio underneath is checked, and the choice shows by shape too.
  const good = question.locator('label.face').nth(3);
  const picture = await good.locator('svg.face-icon').boundingBox();
  await page.mouse.click(picture.x + picture.width / 2, picture.y + picture.height / 2);
  assert.ok(await question.getByRole('radio', { name: 'Good', exact: true }).isChecked(), 'the face tapped is checked');
  assert.ok(await good.locator('svg.face-tick').isVisible(), 'the chosen face has a tick');
  assert.equal(await question.locator('svg.face-tick:visible').count(), 1, 'only the chosen face has one');
  // The keyboard still works as for any radio group.
  await question.getByRole('radio', { name: 'Good', exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  assert.ok(await question.getByRole('radio', { name: 'Really good' }).isChecked(), 'arrow keys move the choice');
  await expectAccessible(page, 'feedback question, a face chosen');

  // Next, then back: the answer is kept.
  await page.getByRole('button', { name: 'Next question' }).click();
  assert.equal(await progress.innerText(), `Question 2 of ${total}`);
  const second = (await page.locator('fieldset.question:visible legend').innerText()).trim();
  assert.notEqual(second, first, 'the next question');
  await page.getByRole('button', { name: 'Back' }).click();
  assert.equal(await progress.innerText(), `Question 1 of ${total}`);
  assert.ok(await page.getByRole('radio', { name: 'Really good' }).isChecked(), 'the answer is kept going back');

  // The last screen has the words, the privacy choice and Send, and a way back.
  for (let i = 1; i < total; i += 1) await page.getByRole('button', { name: 'Next question' }).click();
  assert.equal(await progress.innerText(), `Question ${total} of ${total}`);
  await page.getByRole('button', { name: 'Next question' }).click();
  await page.getByRole('button', { name: 'Send' }).waitFor();
  assert.ok(await page.getByLabel('Tell us more (you don\'t have to)').isVisible());
  assert.ok(await page.getByRole('group', { name: 'Who can know it was you?' }).isVisible());
  assert.equal(await page.locator('fieldset.question:visible').count(), 0);
  await expectAccessible(page, 'feedback words');
  await page.getByRole('button', { name: 'Back' }).click();
  assert.equal(await progress.innerText(), `Question ${total} of ${total}`);
  // Back from the first question goes back to the young person's services.
  for (let i = 1; i < total; i += 1) await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: 'Back' }).click();
  await page.waitForURL(/\/home$/);
  assert.deepEqual(page.foreign, [], 'no request to another origin');
  await page.context().close();
});

test('screenshot at 360 px: every glyph drawn, no emoji, faces and icons as SVG', async () => {
  const page = await phone(browser);
  await page.goto(BASE_URL + '/');
  await page.getByRole('heading', { name: 'Hello! Welcome to Chorus' }).waitFor();
  assert.deepEqual(await missingGlyphs(page), [], 'welcome: every character has a glyph');
  await signInYoungPerson(page);
  await page.locator('a.card').first().click();
  await page.getByText(/^Question 1 of \d$/).waitFor();
  const good = await page.locator('fieldset.question:visible svg.face-icon').nth(3).boundingBox();
  await page.mouse.click(good.x + good.width / 2, good.y + good.height / 2);
  await page.locator('fieldset.question:visible svg.face-tick:visible').waitFor();
  await page.screenshot({ path: join(tmpdir(), 'chorus-feedback-360.png'), fullPage: true });
  assert.deepEqual(await missingGlyphs(page), [], 'feedback: every character has a glyph');
  const sizes = await faceSizes(page);
  assert.equal(sizes.length, 5, 'five faces drawn as SVG');
  assert.ok(sizes.every((s) => s > 0), 'of non-zero size');
  const speakers = await page.locator('.read-one svg:visible, .read-aloud svg:visible').evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().width));
  assert.ok(speakers.length >= 2 && speakers.every((w) => w > 0), 'the read-aloud speakers are SVG');
  await page.context().close();
});

test('quick exit on every page before signing in, and it works from the welcome page', async () => {
  const page = await phone(browser);
  for (const path of ['/sign-in', '/join', '/reset-pin', '/privacy', '/']) {
    await page.goto(BASE_URL + path);
    await page.locator('main h1').waitFor();
    const exit = page.getByRole('button', { name: 'Quick exit' });
    assert.ok(await exit.isVisible(), `quick exit on ${path}`);
    const box = await exit.boundingBox();
    assert.ok(box.height >= 44 && box.width >= 44, `a big target on ${path}`);
    await expectAccessible(page, `${path} with its bar`);
  }
  await page.getByRole('button', { name: 'Quick exit' }).click();
  await page.waitForURL('about:blank');
  assert.equal(await page.evaluate(() => document.body.innerText.trim()), '', 'nothing left on screen');
  await page.context().close();
});

test('staff pages fit a 360 px phone without sideways scrolling', async () => {
  for (const [email, heading, ready, path] of [
    ['officer@stoke-on-trent.example', 'Moderation queue', '.queue > li'],
    ['commissioner@stoke-on-trent.example', 'Provider quality scores', 'table'],
    ['commissioner@stoke-on-trent.example', 'Tenders and young commissioner panels', 'table', '/staff/tenders'],
    ['officer@stoke-on-trent.example', 'Young people', 'table', '/staff/young-people'],
    ['officer@stoke-on-trent.example', 'Invite young people', 'form', '/staff/invites'],
    ['admin@stoke-on-trent.example', 'Organisation settings', '#invite-role'],
  ]) {
    const page = await phone(browser);
    await signInStaff(page, email);
    await page.waitForURL((url) => url.pathname !== '/staff');
    if (path) await page.goto(BASE_URL + path);
    await page.getByRole('heading', { name: heading }).waitFor();
    await page.locator(ready).first().waitFor();
    const wide = await page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      over: [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > 360.5 && !el.closest('.table-wrap'))
        .slice(0, 8).map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`),
    }));
    assert.ok(wide.width <= 360, `${heading} is ${wide.width}px wide at 360 px: ${wide.over.join(', ')}`);
    await expectAccessible(page, `${heading} at 360 px`);
    await page.context().close();
  }
});
