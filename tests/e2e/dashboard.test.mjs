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

/// The latest Q2 before this quarter (the demo's history covers it), as the server names it.
function lastQ2() {
  const now = new Date();
  let year = now.getUTCFullYear();
  const quarter = Math.floor(now.getUTCMonth() / 3) + 1;
  if (quarter <= 2) year -= 1;
  return `${year}-Q2`;
}

async function downloaded(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

test('a commissioner picks a past Q2, prints its quarterly report and downloads every CSV', async () => {
  const page = await phone(browser);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInStaff(page, 'commissioner@stoke-on-trent.example');
  await page.getByRole('heading', { name: 'Provider quality scores' }).waitFor();
  const q = lastQ2();
  await page.getByLabel('Ending with').selectOption(q);
  await page.getByText(`Up to the end of ${q}`).waitFor();
  await page.getByRole('heading', { name: `Participation in ${q}` }).waitFor();
  // The 12 months to the end of that quarter, and the quarter alone, each as CSV.
  const year = await downloaded(page, 'Export CSV');
  assert.match(year.text, new RegExp(`^# Chorus provider quality scores; window: year ending ${q}`));
  assert.match(year.text, /,comparator,before,before_low,before_high,change\n/);
  await page.getByLabel('Period').selectOption('quarter');
  await page.locator('table').first().waitFor();
  await page.waitForFunction(() => document.querySelector('.kpis') !== null);
  const quarter = await downloaded(page, 'Export CSV');
  assert.match(quarter.text, new RegExp(`^# Chorus provider quality scores; window: quarter ending ${q}`));
  // A quarter's shown scores say how they compare with the quarter before, honestly.
  const cells = await page.locator('table tbody td').allInnerTexts();
  assert.ok(cells.some((c) => /; before \d\.\d \(\d\.\d–\d\.\d\): (higher|lower|no clear change)/.test(c)), 'some score is compared with the quarter before');
  const figures = await downloaded(page, 'Export participation figures (CSV)');
  assert.match(figures.text, new RegExp(`^# Chorus participation in ${q}`));

  // The quarterly report: a page that prints cleanly, and the same as one CSV.
  await page.getByRole('link', { name: `Quarterly report for ${q}` }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(`quarterly report for ${q}$`) }).waitFor();
  for (const heading of [`Participation in ${q}`, 'Needs attention', 'What young people said this quarter', 'You said, we did']) {
    await page.getByRole('heading', { name: heading }).waitFor();
  }
  assert.ok(await page.locator('.quotes blockquote').count() > 0, 'quotes from the quarter');
  assert.match(await page.locator('table').textContent(), /Foxglove View/);
  await expectAccessible(page, 'quarterly report at a laptop width');
  const report = await downloaded(page, 'Download the report (CSV)');
  assert.equal(report.name, `chorus-report-${q}.csv`);
  assert.match(report.text, new RegExp(`^# Chorus quarterly report for [^,]+, ${q}:`));
  assert.match(report.text, /\nsection,service,provider,item,state,value,low,high,n,before,before_low,before_high,change,text\n/);
  assert.match(report.text, /\nparticipation,,,feedback_received,,\d+,/);
  assert.match(report.text, /\nquote,/);
  // The print button opens the browser's print; the printed page has no navigation or buttons.
  await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed += 1; }; });
  await page.getByRole('button', { name: 'Print the report' }).click();
  assert.equal(await page.evaluate(() => window.printed), 1);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('nav').isVisible(), false, 'no navigation on paper');
  assert.equal(await page.getByRole('button', { name: 'Print the report' }).isVisible(), false, 'no buttons on paper');
  assert.ok(await page.getByRole('heading', { name: 'You said, we did' }).isVisible());
  const pdf = await page.pdf({ format: 'A4' });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 360, height: 740 });
  await expectAccessible(page, 'quarterly report at 360 px');
  assert.deepEqual(page.foreign, [], 'no request to another origin');
  await page.context().close();
});
