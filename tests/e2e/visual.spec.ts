// Visual checks of printed pages (issue 13): a page of a PDF the app produced, drawn in Chromium
// with pdfjs-dist, against a reference PNG in tests/e2e/visual/references (tolerance and masking
// in tests/e2e/visual/render.ts, which also says how references are updated).
//
// Same input → same pixels: the spec runs a demo school of its own (the shared one changes under
// other spec files running at the same time); the demo generator is seeded and the host's clock
// is frozen at E2E_NOW, so the data, the check's dates and the footer's print date are fixed.
// The footer line is masked anyway (its SHA-256 follows any change of the demo data; its text
// is checked by the integration tests).
import type { APIRequestContext, BrowserContext, Page } from '@playwright/test';
import type { Envelope } from '../../src-shared/errors';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/rpc/registry';
import { DEMO_PASSWORD, expect, test } from './fixtures';
import { startServer, type RunningServer } from './server';
import { expectPdfPage } from './visual/render';

test.describe.configure({ mode: 'serial' });

let server: RunningServer;
/** One context for both tests: the viewer tab (pdfjs loaded, its worker started) is opened once. */
let context: BrowserContext;
let page: Page;
let deputy: string;
let admin: string;

async function call<M extends MethodName>(
  request: APIRequestContext,
  method: M,
  input: MethodInput<M>,
  token?: string,
): Promise<MethodOutput<M>> {
  const res = await request.post(`${server.url}rpc/${method}`, { data: input, headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const env = (await res.json()) as Envelope<MethodOutput<M>>;
  if (!env.ok) throw new Error(`${method}: ${env.error.code} ${env.error.message}`);
  return env.value;
}

const signIn = async (request: APIRequestContext, login: string) =>
  (await call(request, 'auth.login', { login, password: DEMO_PASSWORD })).token;
const pdfBytes = (file: { data: string }) => Buffer.from(file.data, 'base64');

test.beforeAll(async ({ browser, playwright }) => {
  test.setTimeout(180_000);
  server = await startServer('demo');
  context = await browser.newContext();
  page = await context.newPage();
  // Two scrypt checks at once: the deputy runs the check, only the administrator prints applications.
  const request = await playwright.request.newContext();
  [deputy, admin] = await Promise.all([signIn(request, 'deputy'), signIn(request, 'admin')]);
  await request.dispose();
});

test.afterAll(async () => {
  await context?.close();
  await server?.stop();
});

test('the check report: page 1 of the whole school’s November check matches its reference', async ({ request }) => {
  // A fixed period inside the frozen «today» (26 November 2026): the same findings every run.
  const { checkId } = await call(request, 'checks.run', { from: '2026-11-01', to: '2026-11-26', scope: {} }, deputy);
  const pdf = pdfBytes(await call(request, 'checkReport.pdf', { checkId }, deputy));
  const { pages, size } = await expectPdfPage(page, pdf, 1, 'check-report-p1.png');
  expect(pages).toBeGreaterThan(1);
  // A4 portrait in points.
  expect([Math.round(size.width), Math.round(size.height)]).toEqual([595, 842]);
});

test('the diary application: page 1 matches its reference', async ({ request }) => {
  const { classes } = await call(request, 'school.structure', {}, admin);
  const classId = classes.find((c) => c.name === '5А')!.id;
  // The alphabetically first pupil of 5А, and a new guardian with fixed names: what is printed
  // does not depend on the order the search returns or on the demo's guardians.
  const { pupils } = await call(request, 'pupils.search', { query: '', classId }, admin);
  const pupil = [...pupils].sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru'))[0]!;
  const { application } = await call(
    request,
    'applications.create',
    {
      pupilId: pupil.id,
      guardian: { surname: 'Андреева', name: 'Валерия', patronymic: 'Ильинична', relation: 'мать' },
      passport: { surname: 'Андреева', name: 'Валерия', patronymic: 'Ильинична' },
      confirmMismatch: false,
      passportChecked: true,
      number: '2026/101',
      appliedOn: '2026-11-26',
    },
    admin,
  );
  const pdf = pdfBytes(await call(request, 'applications.print', { id: application.id }, admin));
  await expectPdfPage(page, pdf, 1, 'application-p1.png');
});

test('a journal spread: the left and right pages of 5А Russian’s first quarter match their references', async ({ request }) => {
  // The first quarter is over on the frozen «today»: its lessons and marks are the generator's.
  const { journals } = await call(request, 'journal.list', {}, deputy);
  const j = journals.find((x) => x.className === '5А' && x.subjectName === 'Русский язык' && x.groupName === '5А')!;
  const view = await call(request, 'journal.open', { groupId: j.groupId, subjectId: j.subjectId }, deputy);
  const q1 = view.terms.find((t) => t.kind === 'quarter' && t.number === 1)!;
  const pdf = pdfBytes(await call(request, 'print.journal', { groupId: j.groupId, subjectId: j.subjectId, termId: q1.id }, deputy));
  const { pages } = await expectPdfPage(page, pdf, 2, 'journal-left.png');
  // A cover page, then the spreads' left and right pages.
  expect(pages % 2).toBe(1);
  await expectPdfPage(page, pdf, 3, 'journal-right.png');
});
