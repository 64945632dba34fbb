// A tender from creation to decision, staff side, in the browser: a commissioner creates it and
// adds two bids; a participation officer opens the panel and approves two young people (who
// train, declare and score through the API); the commissioner scores the professionals'
// question; the officer ends scoring, runs the moderation meeting and closes the panel; the
// commissioner exports the evaluation with its audit trail. axe-core on every staff page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { request } from 'playwright-core';
import { launch, phone, expectAccessible, expectTargets, typeCode, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const TITLE = `Advocacy for disabled children ${Date.now() % 100000}`;

async function staff(email) {
  const page = await phone(browser);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(BASE_URL + '/staff');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('chorus-demo-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await typeCode(page, email);
  await page.getByRole('link', { name: 'Tenders' }).click();
  await page.getByRole('heading', { name: 'Tenders and young commissioner panels' }).waitFor();
  return page;
}

/// A young person's API client, signed in.
async function youngPerson(signInName, pin) {
  const api = await request.newContext();
  const session = await (await api.post(BASE_URL + '/api/v1/auth/young-person/sign-in', { data: { sign_in_name: signInName, pin } })).json();
  const headers = { Authorization: `Bearer ${session.access_token}` };
  const call = async (method, path, data) => {
    const response = await api.fetch(BASE_URL + '/api/v1' + path, { method, headers, data });
    assert.ok(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`);
    return response.status() === 204 ? null : response.json();
  };
  return { api, call, name: session.me.display_name };
}

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

test('a commissioner and an officer run a panel from creation to decision', async () => {
  const commissioner = await staff('commissioner@stoke-on-trent.example');
  await expectAccessible(commissioner, 'tenders');
  await expectTargets(commissioner, 24, 'tenders');
  await commissioner.getByLabel('Title').fill(TITLE);
  await commissioner.getByLabel('Summary for young people, in plain words').fill('Someone on your side who helps you say what you want.');
  await commissioner.getByLabel('Service type').selectOption('advocacy');
  await commissioner.getByLabel('Quality share (%)').fill('70');
  await commissioner.getByText('Price share: 30%').waitFor();
  await commissioner.getByLabel('Hours a young commissioner gives (for their record)').fill('4');
  await commissioner.getByLabel('Scoring opens').fill(day(0));
  await commissioner.getByLabel('Scoring closes (end of the day)').fill(day(7));
  const q1 = commissioner.getByRole('group', { name: 'Question 1' });
  await q1.getByLabel('Question', { exact: true }).fill('How will children who do not use words be heard?');
  await q1.getByLabel('The question in plain words, for young people').fill('Will they listen to every child?');
  await q1.getByLabel('Weight (quality points)').fill('40');
  await commissioner.getByRole('button', { name: 'Add a question' }).click();
  const q2 = commissioner.getByRole('group', { name: 'Question 2' });
  await q2.getByLabel('Question', { exact: true }).fill('Describe your safeguarding training.');
  await q2.getByLabel('The question in plain words, for young people').fill('Safeguarding training');
  await q2.getByLabel('Weight (quality points)').fill('30');
  await q2.getByLabel('Scored by').selectOption('professionals');
  await commissioner.getByRole('button', { name: 'Create the tender' }).click();
  await commissioner.getByRole('heading', { name: TITLE }).waitFor();
  await expectAccessible(commissioner, 'tender: draft');

  for (const [provider, price, easy] of [['Voice Up Advocacy', '120,000', 'We learn how each child talks, with pictures and signs.'], ['Speak Out Midlands', '100000', 'We ask your carers.']]) {
    await commissioner.getByLabel('Bidder').selectOption({ label: provider });
    await commissioner.getByLabel('Price (£)').fill(price);
    await commissioner.getByRole('group', { name: 'How will children who do not use words be heard?' }).getByLabel("The bid's answer").fill(`${provider} will use communication passports.`);
    await commissioner.getByLabel('Easy-read summary for young people').fill(easy);
    await commissioner.getByRole('group', { name: 'Describe your safeguarding training.' }).getByLabel("The bid's answer").fill('Level 3 for everyone, refreshed yearly.');
    await commissioner.getByRole('button', { name: 'Add a bid' }).click();
    await commissioner.getByRole('cell', { name: provider }).waitFor();
  }

  const officer = await staff('officer@stoke-on-trent.example');
  await officer.getByRole('link', { name: TITLE }).click();
  await officer.getByRole('button', { name: 'Open the panel (bids get their letters)' }).click();
  await officer.getByRole('cell', { name: 'A', exact: true }).waitFor();
  const tenderId = new URL(officer.url()).pathname.split('/').pop();

  const jay = await youngPerson('brave-otter-42', '481516');
  const wolf = await youngPerson('swift-wolf-19', '830152');
  for (const yp of [jay, wolf]) await yp.call('POST', `/panels/${tenderId}/interest`, {});
  await officer.reload();
  for (const yp of [jay, wolf]) {
    await officer.getByRole('button', { name: `Approve ${yp.name}` }).click();
    await officer.getByRole('button', { name: `Approve ${yp.name}` }).waitFor({ state: 'detached' });
  }
  await expectAccessible(officer, 'tender: members');
  // Jay loves bid A's answer, the other young person does not: a disagreement of 3.
  for (const [yp, scores] of [[jay, [5, 2]], [wolf, [2, 2]]]) {
    await yp.call('POST', '/training', { answers: [1, 0, 2, 1, 0] });
    await yp.call('POST', `/panels/${tenderId}/conflicts`, { conflicted: [] });
    const bids = await yp.call('GET', `/panels/${tenderId}/bids`);
    for (const bid of bids) {
      const value = bid.label === 'A' ? scores[0] : scores[1];
      await yp.call('PUT', `/tenders/${tenderId}/bids/${bid.id}/scores/${bid.questions[0].id}`, { score: value, reason: 'Because of what they wrote' });
    }
    await yp.call('POST', `/tenders/${tenderId}/submit`, {});
  }

  await commissioner.reload();
  await commissioner.getByRole('heading', { name: "Your scores (professionals' questions)" }).waitFor();
  const forms = commissioner.locator('form.card');
  assert.equal(await forms.count(), 2);
  for (let i = 0; i < 2; i += 1) {
    const form = forms.nth(i);
    await form.getByLabel('Score').selectOption({ index: 4 });
    await form.getByLabel('Reason').fill('Clear training plan');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Saved').waitFor();
  }
  await expectAccessible(commissioner, 'tender: professional scoring');
  await commissioner.getByRole('button', { name: 'Send my scores (they lock)' }).click();
  await commissioner.getByText('Your scores are sent and locked.').waitFor();

  await officer.reload();
  await officer.getByRole('button', { name: 'End scoring now' }).click();
  await officer.getByRole('heading', { name: 'Moderation meeting' }).waitFor();
  await officer.getByText('Scores are 3 points apart: talk it through.').waitFor();
  await officer.getByText('Provisional: where no agreed score is recorded yet').waitFor();
  await expectAccessible(officer, 'moderation meeting');
  await expectTargets(officer, 24, 'moderation meeting');
  const cells = officer.locator('.cell:has(form)');
  assert.equal(await cells.count(), 4);
  for (let i = 0; i < 4; i += 1) {
    const cell = officer.locator('.cell:has(form)').nth(i);
    await cell.getByLabel('Rationale').fill('Agreed after discussion');
    await cell.getByRole('button', { name: 'Record' }).click();
    await officer.locator('.cell:has(form)').nth(i).getByText(/^Agreed: \d \(Agreed after discussion\)$/).waitFor();
  }
  await officer.getByRole('button', { name: 'Close the panel and decide' }).click();
  await officer.getByText('Decided').first().waitFor();
  await officer.getByRole('heading', { name: 'Results' }).waitFor();

  await commissioner.reload();
  await commissioner.getByRole('heading', { name: 'Results' }).waitFor();
  await commissioner.getByText(/Sensitivity:/).waitFor();
  await expectAccessible(commissioner, 'tender: results');
  await expectTargets(commissioner, 24, 'tender: results');
  const [download] = await Promise.all([
    commissioner.waitForEvent('download'),
    commissioner.getByRole('button', { name: 'Export the evaluation with its audit trail (CSV)' }).click(),
  ]);
  const csv = await readFile(await download.path(), 'utf8');
  assert.match(csv, new RegExp(`^# Tender: ${TITLE}`));
  for (const action of ['tender_created', 'tender_bid_added', 'tender_opened', 'panel_member_approved', 'tender_scores_submitted', 'consensus_recorded', 'tender_closed']) {
    assert.ok(csv.includes(action), `the export records ${action}`);
  }

  const outcome = await jay.call('GET', `/panels/${tenderId}/outcome`);
  assert.equal(outcome.ranking.length, 2);
  for (const page of [commissioner, officer]) assert.deepEqual(page.foreign, [], 'no request to another origin');
  await jay.api.dispose();
  await wolf.api.dispose();
});
