// A commissioner finds the services that need attention and exports the scores.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, phone, expectAccessible, expectTargets, signInStaff, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a commissioner finds the three services that need attention and exports them', async () => {
  const page = await phone(browser);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInStaff(page, 'commissioner@stoke-on-trent.example');
  await page.getByRole('heading', { name: 'Provider quality scores' }).waitFor();
  const attention = page.locator('ul.attention');
  await attention.getByText('Foxglove View').waitFor();
  const text = await attention.textContent();
  for (const name of ['Foxglove View', 'Fresh Start Centre', 'Next Chapter Longton']) {
    assert.ok(text.includes(name), `${name} needs attention`);
  }
  assert.ok(text.includes('falling since last quarter'));
  assert.ok((await page.locator('table').textContent()).includes('Not enough voices yet'), 'small numbers are suppressed');
  assert.match(await page.locator('table').textContent(), /\d\.\d \(\d\.\d–\d\.\d\), \d+% positive, n=\d+/, 'score, interval, % positive and n');
  // Filter by provider.
  await page.getByLabel('Provider').selectOption('Foxglove Care Group');
  assert.equal(await page.locator('table tbody tr').count(), 2, 'Foxglove Care Group runs two homes');
  await page.getByLabel('Provider').selectOption('');
  // Show one outcome only.
  await page.getByLabel('Show outcome').selectOption('safe');
  assert.equal(await page.locator('table thead th').count(), 3, 'service, overall and Safe');
  await page.getByLabel('Show outcome').selectOption('');
  await expectAccessible(page, 'dashboard');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const csv = await readFile(await download.path(), 'utf8');
  assert.match(csv, /^# Chorus provider quality scores; window: year ending \d{4}-Q[1-4]/);
  assert.ok(csv.includes('Foxglove View'));
  assert.ok(!csv.includes('brave-otter-42'));

  // The participation figures download too, with the numbers the page shows.
  const [participation] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export participation figures (CSV)' }).click(),
  ]);
  const figures = await readFile(await participation.path(), 'utf8');
  assert.match(figures, /^# Chorus participation in \d{4}-Q[1-4]/);
  const received = (await page.locator('.kpis dd').first().textContent()).trim();
  assert.ok(figures.includes(`,feedback_received,${received}\n`), figures);

  // "You said, we did" to everyone who spoke about Foxglove View.
  await page.getByLabel('Service', { exact: true }).selectOption({ label: 'Foxglove View — Foxglove Care Group' });
  await page.getByLabel('What changed because young people spoke').fill('Key workers now stay with the same young people.');
  await page.getByRole('button', { name: 'Send to the young people concerned' }).click();
  await page.getByText(/Sent\. It reaches [1-9]\d* young people\./).waitFor();
  // Participation KPIs, then one service's trend: a chart and the same numbers as a table.
  await page.getByText('Feedback received').waitFor();
  await page.getByRole('table').getByRole('link', { name: 'Foxglove View' }).click();
  await page.getByRole('heading', { name: 'Foxglove View', level: 1 }).waitFor();
  await page.getByRole('img', { name: 'Overall score by quarter (1 to 5)' }).waitFor();
  assert.equal(await page.locator('table tbody tr').count(), 8, 'eight quarters');
  const [trend] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export this trend (CSV)' }).click(),
  ]);
  assert.match(await readFile(await trend.path(), 'utf8'), /^# Chorus quarterly trend for Foxglove View/);
  await page.getByText('Key workers now stay with the same young people.').waitFor();
  // The quotes and the "you said, we did" answers download too.
  for (const [button, heading, must] of [
    ['Export the quotes (CSV)', /^# Chorus quotes about Foxglove View/, /^quarter,quote$/m],
    ['Export "you said, we did" (CSV)', /^# Chorus "you said, we did" for Foxglove View/, /Key workers now stay with the same young people\./],
  ]) {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    const csv = await readFile(await file.path(), 'utf8');
    assert.match(csv, heading);
    assert.match(csv, must);
  }
  await expectAccessible(page, 'service detail');
  await expectTargets(page, 24, 'service detail');
  assert.deepEqual(page.foreign, [], 'no request to another origin');
  await page.context().close();
});

test('an admin checks the audit log and edits the safeguarding phrases', async () => {
  const page = await phone(browser);
  await signInStaff(page, 'admin@stoke-on-trent.example');
  await page.getByRole('heading', { name: 'Organisation settings' }).waitFor();
  const phrases = page.getByLabel('Safeguarding phrases');
  await page.waitForFunction(() => document.querySelector('#phrases')?.value.includes('hurt me'));
  await phrases.fill((await phrases.inputValue()) + '\nnobody feeds us');
  await page.getByRole('button', { name: 'Save phrases' }).click();
  await page.getByText('Saved.').waitFor();
  assert.ok((await phrases.inputValue()).includes('nobody feeds us'));
  await page.getByRole('button', { name: 'Check the audit log has not been changed' }).click();
  await page.getByText(/The audit log is intact: \d+ entries/).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export the audit log (CSV)' }).click(),
  ]);
  const csv = await readFile(await download.path(), 'utf8');
  assert.match(csv, /^seq,organisation_id,at,actor_id,action,subject,details,prev_hash,hash\n/);
  assert.ok(csv.includes('safeguarding_phrases_changed'), 'the phrase change is in the audit log');
  await expectAccessible(page, 'admin');
  await expectTargets(page, 24, 'admin');
  assert.deepEqual(page.foreign, [], 'no request to another origin');
  await page.context().close();
});

test('a commissioner downloads the tenders list', async () => {
  const page = await phone(browser);
  await signInStaff(page, 'commissioner@stoke-on-trent.example');
  await page.getByRole('link', { name: 'Tenders' }).click();
  await page.getByRole('heading', { name: 'Tenders and young commissioner panels' }).waitFor();
  await page.locator('table').first().waitFor();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export the tenders (CSV)' }).click(),
  ]);
  const csv = await readFile(await file.path(), 'utf8');
  assert.match(csv, /^# Chorus tenders and young commissioner panels\ntitle,service_type,status,scoring_opens,scoring_closes,bids,panel_members\n/);
  const firstTitle = (await page.locator('table tbody tr').first().locator('td, th').first().innerText()).trim();
  assert.ok(csv.includes(firstTitle), `the CSV lists ${firstTitle}`);
  await expectAccessible(page, 'tenders with the export button');
  await page.context().close();
});
