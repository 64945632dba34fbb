// A young commissioner on a 360 px phone: joins the demo tender panel, does the training (a
// wrong try, then a pass), declares a conflict, scores the two bids they may see (one score
// given offline), and sends. The participation officer's approval is given through the API.
// axe-core runs on every page visited; no bidder's name appears next to a bid.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'playwright-core';
import { launch, phone, expectAccessible, staffToken, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const TENDER = 'Supported accommodation for 16 and 17 year olds, 2027 to 2030';
const BIDDERS = ['Stepping Stones Supported Living', 'Keystone Housing for Young People', 'Next Chapter Accommodation'];

async function asOfficer(fn) {
  const api = await request.newContext();
  const access_token = await staffToken(api, 'officer@stoke-on-trent.example');
  try {
    return await fn(api, { Authorization: `Bearer ${access_token}` });
  } finally {
    await api.dispose();
  }
}

test('a young commissioner trains, declares a conflict and scores two bids on a phone', async () => {
  // A new young person, through the API (joining is covered by the skeleton test).
  const api = await request.newContext();
  const name = `panel-star-${Date.now() % 100000}`;
  const joined = await api.post(BASE_URL + '/api/v1/invites/redeem', {
    data: { code: 'STKE-YP2G', sign_in_name: name, display_name: 'Kai', pin: '270394' },
  });
  assert.equal(joined.status(), 201);
  await api.dispose();

  const page = await phone(browser);
  await page.goto(BASE_URL + '/sign-in');
  await page.getByLabel('Sign-in name').fill(name);
  await page.getByLabel('PIN').fill('270394');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Hi Kai!' }).waitFor();
  await page.getByRole('link', { name: 'Young commissioner panels' }).click();
  await page.getByRole('heading', { name: 'Young commissioner panels' }).waitFor();
  await expectAccessible(page, 'panels');
  await page.getByRole('link', { name: new RegExp(TENDER) }).click();
  await page.getByRole('heading', { name: TENDER }).waitFor();
  await expectAccessible(page, 'panel: join');
  await page.getByRole('button', { name: "I'd like to be on this panel" }).click();
  await page.getByText('Your participation officer will say yes soon').waitFor();
  const url = new URL(page.url());
  const tenderId = url.pathname.split('/').pop();

  await asOfficer(async (officer, headers) => {
    const members = await (await officer.get(`${BASE_URL}/api/v1/tenders/${tenderId}/members`, { headers })).json();
    const kai = members.find((m) => m.display_name === 'Kai' && m.status === 'interested');
    assert.ok(kai, 'the officer sees Kai asking to join');
    const approved = await officer.post(`${BASE_URL}/api/v1/tenders/${tenderId}/members/${kai.user_id}/approve`, { headers, data: {} });
    assert.equal(approved.status(), 204);
  });

  await page.reload();
  await page.getByRole('link', { name: 'Start the training' }).click();
  await page.getByRole('heading', { name: 'Young commissioner training' }).waitFor();
  await page.getByRole('group', { name: 'What does a commissioner do?' }).waitFor();
  await expectAccessible(page, 'training');
  const answer = async (question, option) => page.getByRole('group', { name: question }).getByLabel(option).check();
  await answer('What does a commissioner do?', 'Makes the laws');
  await answer('You are scoring Bid B. What should your score be based on?', 'Which bid sounds nicest');
  await answer('What is a conflict of interest?', 'An argument on the panel');
  await answer('You think you know staff at one of the organisations. What do you do?', 'Say nothing');
  await answer('Why do you write a reason for every score?', 'To make it longer');
  await page.getByRole('button', { name: 'Check my answers' }).click();
  await page.getByText('You got 0 out of 5.').waitFor();
  await page.getByText(/try again/).waitFor();
  await expectAccessible(page, 'training: try again');
  await answer('What does a commissioner do?', 'Chooses and checks the services the council pays for');
  await answer('You are scoring Bid B. What should your score be based on?', 'What Bid B wrote, using the score guide');
  await answer('What is a conflict of interest?', 'Knowing a bidder, for example you lived there or know their staff');
  await answer('You think you know staff at one of the organisations. What do you do?', 'Tell us on the next page, so you do not score that bid');
  await answer('Why do you write a reason for every score?', 'So the panel can understand it and agree fair scores');
  await page.getByRole('button', { name: 'Check my answers' }).click();
  await page.getByText('Well done, you passed!').waitFor();
  await page.getByRole('link', { name: 'Carry on' }).click();

  await page.getByRole('heading', { name: 'Do you know any of these?' }).waitFor();
  for (const bidder of BIDDERS) await page.getByLabel(bidder).waitFor();
  await expectAccessible(page, 'conflicts');
  await page.getByLabel('Keystone Housing for Young People').check();
  await page.getByRole('button', { name: "That's everything" }).click();

  await page.getByRole('heading', { name: 'Score the bids' }).waitFor();
  const bids = page.locator('a.card');
  await bids.first().waitFor();
  assert.equal(await bids.count(), 2, 'the conflicted bid is not shown');
  await expectAccessible(page, 'bids');
  const text = await page.locator('main').innerText();
  for (const bidder of BIDDERS) assert.ok(!text.includes(bidder), `no bidder's name next to the bids (${bidder})`);

  for (let i = 0; i < 2; i += 1) {
    await page.locator('a.card').nth(i).click();
    await page.getByRole('heading', { name: /^Bid [A-C]$/ }).waitFor();
    if (i === 0) await expectAccessible(page, 'scoring a bid');
    const questions = page.locator('section.card:has(fieldset)');
    const n = await questions.count();
    assert.ok(n >= 1, 'the young people\'s questions are shown');
    const bidText = await page.locator('main').innerText();
    for (const bidder of BIDDERS) assert.ok(!bidText.includes(bidder), 'no bidder name on the bid page');
    assert.ok(!/£|\d{4,}/.test(bidText), 'no price on the bid page');
    for (let q = 0; q < n; q += 1) {
      const section = questions.nth(q);
      // The second bid's last score is given offline: kept on the phone, sent when back.
      const offline = i === 1 && q === n - 1;
      if (offline) await page.context().setOffline(true);
      await section.getByRole('radio', { name: /4: Good/ }).check();
      await section.getByLabel('Why did you give this score?').fill(`They asked young people what they want (${i}.${q})`);
      await section.getByLabel('Why did you give this score?').blur();
      if (offline) {
        await page.getByText('No connection: your scores are kept on this phone').waitFor();
        await page.context().setOffline(false);
        await page.reload();
        await page.getByRole('heading', { name: /^Bid [A-C]$/ }).waitFor();
      }
      await questions.nth(q).getByText('Saved', { exact: true }).waitFor();
    }
    await page.getByRole('link', { name: 'Back to the bids' }).click();
    await page.getByRole('heading', { name: 'Score the bids' }).waitFor();
  }

  await page.getByText('You have scored everything').waitFor();
  await page.getByRole('button', { name: 'Send my scores' }).click();
  await page.getByText('Your scores are in. Thank you!').waitFor();
  await expectAccessible(page, 'scores sent');
  await page.getByRole('link', { name: 'Back to panels' }).click();
  await page.getByRole('link', { name: 'My young commissioner record' }).click();
  await page.getByRole('heading', { name: 'Young commissioner record' }).waitFor();
  await page.getByText(/Training completed on/).waitFor();
  await page.getByText(/scored bids on/).waitFor();
  await expectAccessible(page, 'record');
  assert.deepEqual(page.foreign, [], 'no request left this origin');
});
