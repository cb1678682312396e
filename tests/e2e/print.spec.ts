// The printed class journal from the screens (issue 13): the teacher prints the open journal's
// term from the journal screen, and the class teacher prints the whole class's journal in
// «Отчёты» with a progress bar. The PDFs are read back (their text by position) and compared
// with what the journal RPC shows the same user.
import { expect, pageToken, rpcOk, signIn, test } from './fixtures';
import { pdfPages } from '../helpers/pdf-text';

test.describe.configure({ mode: 'serial' });

async function downloaded(download: Promise<import('@playwright/test').Download>): Promise<Buffer> {
  const file = await download;
  return Buffer.concat(await (await file.createReadStream()).toArray());
}

test('the teacher prints the open term of a journal; its pages list the journal’s pupils', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'teacher');
  const token = await pageToken(page);
  const j = (await rpcOk(page.request, 'journal.list', {}, token)).journals.find((x) => x.access === 'write')!;
  const view = await rpcOk(page.request, 'journal.open', { groupId: j.groupId, subjectId: j.subjectId }, token);
  await page.goto(`/#/journal/${j.groupId}/${j.subjectId}`);
  await expect(page.getByTestId('journal-grid')).toBeVisible();
  await page.getByTestId('jprint-open').click();
  await expect(page.getByTestId('jprint-dialog')).toBeVisible();
  // Dates in the wrong order are refused in the form, before any call.
  await page.getByTestId('jprint-dates').check();
  await page.getByTestId('jprint-from').fill(view.term.endsOn);
  await page.getByTestId('jprint-to').fill(view.term.startsOn);
  await page.getByTestId('jprint-download').click();
  await expect(page.getByTestId('jprint-error')).toContainText('Дата окончания раньше даты начала');
  await page.getByTestId('jprint-term').check();
  const bytes = await downloaded(Promise.all([page.waitForEvent('download'), page.getByTestId('jprint-download').click()]).then(([d]) => d));
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(page.getByTestId('jprint-dialog')).toHaveCount(0);
  const pages = pdfPages(bytes);
  const left = pages[1]!.text;
  // Pupils are printed «Фамилия Имя»; the journal shows them in its own form: compare surnames.
  for (const p of view.pupils) expect(left, p.name).toContain(p.name.split(' ')[0]!);
  expect(left).toContain(`${view.subject.name} · ${view.group.name}`);
});

test('the class teacher prints the whole class’s journal in «Отчёты» and sees its progress', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'teacher');
  await page.goto('/#/reports');
  await page.getByTestId('reports-tab-print').click();
  const panel = page.getByTestId('classbook-panel');
  await expect(panel.getByTestId('classbook-class')).toContainText('5А');
  const download = page.waitForEvent('download');
  await panel.getByTestId('classbook-start').click();
  // The bar shows while the job runs (a small class may be done before it is seen).
  await expect(panel.getByTestId('classbook-progress').or(panel.getByTestId('classbook-done'))).toBeVisible();
  const bytes = await downloaded(download);
  await expect(panel.getByTestId('classbook-done')).toBeVisible();
  const pages = pdfPages(bytes);
  expect(pages[0]!.text).toContain('КЛАССНЫЙ ЖУРНАЛ');
  expect(pages[0]!.text).toContain('5А класса');
  expect(pages[1]!.text).toContain('Содержание');
});
