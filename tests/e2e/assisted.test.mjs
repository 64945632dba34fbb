// An officer helps a child of six answer on the officer's own device (an assisted session,
// docs/assisted.md): on a laptop and on a phone the child picks from faces (three, then five),
// each said aloud as it is chosen; the answer reaches the officer as the child's, marked as
// helped; the child counts once in the scores; a reload or "We're done" ends the session and the
// officer's own sign-in carries on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'playwright-core';
import {
  launch, phone, expectAccessible, listenToSpeech, signInStaff, staffToken, youngestChild, toTheWords, BASE_URL,
} from './helpers.mjs';

const OFFICER = 'officer@stoke-on-trent.example';
const LAPTOP = { width: 1280, height: 800 };
// Services other browser tests give feedback about (the demo young people's, the provider's).
const TOLD_ELSEWHERE = ['Orchard House', 'Independent Advocacy', 'Children in Care CAMHS', 'Fostering',
  'Leaving Care Team', 'Stepping Stones Hanley', 'Foxglove View'];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// This quarter's scores, as a commissioner reads them.
async function scores(api, headers) {
  const answer = await api.get(`${BASE_URL}/api/v1/dashboard/scores?window=quarter`, { headers });
  assert.equal(answer.status(), 200);
  return (await answer.json()).services;
}

/// The voices behind a service's "safe" score this quarter (shown: a cohort of them).
async function voices(api, headers, serviceId) {
  const service = (await scores(api, headers)).find((s) => s.service_id === serviceId);
  const safe = service.dimensions.find((d) => d.dimension === 'safe');
  assert.equal(safe.state, 'shown');
  return safe.n;
}

/// The officer, on the young people's page, opens a session for `name` with `faces` to choose from.
async function startHelping(page, name, faces) {
  await page.goto(BASE_URL + '/staff/young-people');
  const row = page.locator('tr', { hasText: name });
  await row.getByLabel('Faces to choose from').selectOption(String(faces));
  await row.getByRole('button', { name: `Help ${name} answer` }).click();
  await page.getByRole('heading', { name: `It's ${name}'s turn!` }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'the child\'s session is held in memory only');
}

/// The child answers every question with the face at `pick` (tapped by its picture) and sends.
async function answer(page, faces, pick) {
  const names = faces === 3 ? ['Very sad', 'OK', 'Very happy'] : ['Very sad', 'Sad', 'OK', 'Happy', 'Very happy'];
  await page.locator('a.card').first().click();
  const question = page.locator('fieldset.question:visible');
  await question.waitFor();
  // Through the accessibility tree: each face a radio with its name, in order, then Skip.
  const legend = (await question.locator('legend').innerText()).trim();
  const tree = await page.locator('main form').ariaSnapshot();
  const group = tree.split('\n- group').find((g) => g.includes(`"${legend}"`)) ?? tree;
  const radios = [...group.matchAll(/- radio "([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(radios, [...names, 'Skip'], `the child's faces, as radios:\n${group}`);
  await expectAccessible(page, `assisted feedback, ${faces} faces`);
  let asked = 0;
  for (;;) {
    const current = page.locator('fieldset.question:visible');
    const picture = await current.locator('label.face').nth(pick).locator('svg.face-icon').boundingBox();
    await page.mouse.click(picture.x + picture.width / 2, picture.y + picture.height / 2);
    assert.ok(await current.getByRole('radio', { name: names[pick], exact: true }).isChecked());
    const spoken = await page.evaluate(() => window.__spoken.map((s) => s.text));
    assert.equal(spoken.at(-1), names[pick], 'the face chosen is said aloud');
    asked += 1;
    const next = page.locator('#next-question');
    if (!(await next.isVisible())) break;
    await next.click();
    if (await page.locator('#tell-us-more').isVisible()) break;
  }
  assert.ok(asked >= 2, 'several questions');
  await toTheWords(page);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
  assert.equal(await page.getByRole('link', { name: /My feedback/ }).count(), 0, 'nothing of the child\'s to read');
}

test('an officer helps a six-year-old answer, on a laptop and on a phone; the answer is theirs, marked as helped, and counted once', async () => {
  const api = await request.newContext();
  const commissioner = { Authorization: `Bearer ${await staffToken(api, 'commissioner@stoke-on-trent.example')}` };
  const officer = { Authorization: `Bearer ${await staffToken(api, OFFICER)}` };
  // A service with a score shown this quarter that no other browser test tells about.
  const service = (await scores(api, commissioner)).find((s) => !TOLD_ELSEWHERE.includes(s.service_name)
    && s.dimensions.find((d) => d.dimension === 'safe')?.state === 'shown');
  assert.ok(service, 'a service shown this quarter');
  const name = `Pip ${Date.now() % 1000}`;
  await youngestChild(name, [service.service_id]);
  const before = await voices(api, commissioner, service.service_id);

  // On a laptop: three faces.
  const laptop = await phone(browser, LAPTOP);
  await listenToSpeech(laptop);
  await signInStaff(laptop, OFFICER);
  await laptop.getByRole('heading', { name: 'Moderation queue' }).waitFor();
  await startHelping(laptop, name, 3);
  // Nothing of the child's but their services: no news, no feedback of theirs, no settings.
  for (const link of [/^News/, /My feedback/, /Settings/]) {
    assert.equal(await laptop.getByRole('link', { name: link }).count(), 0, `${link} is not shown`);
  }
  assert.equal(await laptop.getByRole('button', { name: 'Sign out' }).count(), 0, 'no signing the child out');
  await expectAccessible(laptop, 'assisted home');
  for (const path of ['/my-feedback', '/news', '/settings']) {
    await laptop.evaluate((p) => { history.pushState({}, '', p); dispatchEvent(new PopStateEvent('popstate')); }, path);
    await laptop.getByRole('heading', { name: `It's ${name}'s turn!` }).waitFor();
  }
  await answer(laptop, 3, 2);
  await laptop.getByRole('button', { name: "We're done" }).click();
  await laptop.getByRole('heading', { name: 'Young people' }).waitFor();

  // The officer reads it as the child's, marked as helped, and approves it.
  await laptop.goto(BASE_URL + '/staff/officer');
  const card = laptop.locator('li.card', { hasText: service.service_name });
  await card.getByText(/beside them \(assisted\)/).waitFor();
  await card.getByRole('button', { name: 'Approve (remove highlighted details)' }).click();
  await card.waitFor({ state: 'detached' });
  assert.equal(await voices(api, commissioner, service.service_id), before + 1, 'the child is one more voice');
  assert.deepEqual(laptop.foreign, [], 'no request to another origin');
  await laptop.context().close();

  // On a phone: a reload ends the session (the officer's own sign-in is back); then five faces.
  const mobile = await phone(browser);
  await listenToSpeech(mobile);
  await signInStaff(mobile, OFFICER);
  await mobile.getByRole('heading', { name: 'Moderation queue' }).waitFor();
  await startHelping(mobile, name, 5);
  await mobile.reload();
  await mobile.getByRole('heading', { name: 'Moderation queue' }).waitFor();
  await startHelping(mobile, name, 5);
  assert.ok(await mobile.evaluate(() => document.documentElement.scrollWidth) <= 360, 'no sideways scrolling');
  await answer(mobile, 5, 4);
  await mobile.getByRole('button', { name: "We're done" }).click();
  await mobile.getByRole('heading', { name: 'Young people' }).waitFor();

  const queue = await (await api.get(`${BASE_URL}/api/v1/moderation/queue`, { headers: officer })).json();
  const helped = queue.filter((item) => item.service_id === service.service_id && item.assisted_by);
  assert.equal(helped.length, 1, 'the second answer waits, marked as helped');
  assert.deepEqual(helped[0].answers.safe, 5);
  const approved = await api.post(`${BASE_URL}/api/v1/moderation/feedback/${helped[0].id}/approve`, { headers: officer, data: {} });
  assert.equal(approved.status(), 204);
  assert.equal(await voices(api, commissioner, service.service_id), before + 1, 'answering again, the child still counts once');
  assert.deepEqual(mobile.foreign, [], 'no request to another origin');
  await mobile.context().close();
  await api.dispose();
});

test('a commissioner reads a closed year\'s scores told apart: with an adult beside the child, and the rest', async () => {
  const page = await phone(browser, LAPTOP);
  await signInStaff(page, 'commissioner@stoke-on-trent.example');
  await page.getByRole('link', { name: 'Assisted answers' }).click();
  await page.getByRole('heading', { name: 'Answers given with an adult beside them' }).waitFor();
  assert.match(await page.getByLabel('Financial year').inputValue(), /^\d{4}-Q1$/, 'a whole financial year');
  // The demo's short breaks: every other young person there answered with an officer beside them.
  const card = page.locator('section.card', { hasText: 'Short Breaks' }).first();
  await card.waitFor();
  const counts = (await card.innerText()).match(/n=\d+/g).map((n) => Number(n.slice(2)));
  assert.ok(counts.length >= 2, 'both parts of an outcome');
  assert.ok(counts.every((n) => n >= 5), `each part holds a cohort: ${counts}`);
  await expectAccessible(page, 'assisted answers told apart');
  assert.deepEqual(page.foreign, [], 'no request to another origin');
  await page.context().close();
});
