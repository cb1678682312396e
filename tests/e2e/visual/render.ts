// Visual checks of printed pages (issue 13): one page of a PDF the app produced is drawn in the
// test's Chromium with pdfjs-dist and compared with a reference PNG stored in the repository.
//
// The page is drawn in a separate tab of the caller's browser context on a made-up origin
// (VIEWER_ORIGIN) whose every request Playwright answers from disk: pdfjs from
// node_modules/pdfjs-dist, the viewer from tests/e2e/visual/viewer.html; the PDF's bytes are
// handed to the tab directly. Hazard: a request the routes do not answer would go to the network — *.localhost
// resolves to loopback inside Chromium, so a miss fails on 127.0.0.1 and never leaves the machine.
//
// References live in tests/e2e/visual/references/<name> (playwright.config.ts
// snapshotPathTemplate). A missing or different reference FAILS (updateSnapshots 'none' in the
// config; `npm test` never passes --update-snapshots). To write or refresh references after an
// intended change of a printed layout (or a Chromium / pdfjs-dist upgrade), run only the visual
// specs with the flag (run.ts builds the renderer first), then look at every changed PNG
// (git diff --stat tests/e2e/visual/references; open them) before committing it:
//   npm run test:e2e -- tests/e2e/visual.spec.ts --update-snapshots
// (`--update-snapshots=missing` writes only new references and leaves existing ones alone;
// a failed run leaves <name>-actual/-expected/-diff.png in test-results/e2e/ to see why).
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { expect, test, type BrowserContext, type Page, type Route } from '@playwright/test';
import { repoRoot } from '../server';

/** A rectangle in PDF points, measured from the page's top-left corner (pdfkit's coordinates). */
export interface PdfRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A page's size in PDF points (A4 portrait: 595.28 × 841.89). */
export interface PdfPageSize {
  width: number;
  height: number;
}

export interface PdfPageShotOptions {
  /** Canvas pixels per PDF point (default 1.5: an A4 page is 893 × 1263 px). Part of the reference: keep it fixed per name. */
  scale?: number;
  /** Extra areas to mask (values that change between runs), or a function of the page size. */
  mask?: PdfRect[] | ((page: PdfPageSize) => PdfRect[]);
  /**
   * The footer line every page of src-main/services/pdf/doc.ts carries («Стр. N из M. Напечатано
   * ДД.ММ.ГГГГ. SHA-256 …»): masked by default. The e2e host's clock is frozen (ZHURNAL_NOW), but
   * the sum changes with any change of the demo data and its text is checked by the integration
   * tests (tests/helpers/pdf-text.ts); the picture is about the layout. 'keep' compares it too.
   */
  footer?: 'mask' | 'keep';
  /**
   * Share of pixels that may differ beyond `threshold` (default 0.001, ~1,100 px of an A4 page at
   * scale 1.5). Measured on the check report: the same Chromium draws the same PDF pixel for pixel
   * (0 px differ between runs and servers); a table moved 0.5 pt right differs in 9,517 px, 2 pt
   * in 29,211 px; one letter changed in a heading, 52 px (words are the text tests' job).
   * Another rasteriser (the browser's text instead of pdfjs's glyph paths) differs in 6,761 px:
   * after a Chromium or pdfjs-dist upgrade, expect to review and refresh the references.
   */
  maxDiffPixelRatio?: number;
  /** Per-pixel colour distance in YIQ space 0..1 under which pixels count as equal (default 0.2, Playwright's). */
  threshold?: number;
}

/** The footer strip of doc.ts: its baseline box starts MARGIN + 4 = 54 pt above the bottom edge, at most 7 pt high. */
export function footerStrip(page: PdfPageSize): PdfRect {
  return { x: 0, y: page.height - 58, width: page.width, height: 16 };
}

export const VIEWER_ORIGIN = 'http://pdf-viewer.localhost';
const PDFJS_ROOT = join(repoRoot, 'node_modules', 'pdfjs-dist');
const VIEWER_HTML = join(repoRoot, 'tests', 'e2e', 'visual', 'viewer.html');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

/** Answers the viewer's requests: the page and pdfjs's files (inside its package only). */
async function serve(route: Route): Promise<void> {
  const path = decodeURIComponent(new URL(route.request().url()).pathname);
  if (path === '/viewer.html') return route.fulfill({ body: await readFile(VIEWER_HTML), contentType: MIME['.html'] });
  if (path.startsWith('/pdfjs/')) {
    const file = normalize(join(PDFJS_ROOT, path.slice('/pdfjs/'.length)));
    if (file.startsWith(PDFJS_ROOT + sep)) {
      const body = await readFile(file).catch(() => null);
      if (body) return route.fulfill({ body, contentType: MIME[extname(file)] ?? 'application/octet-stream' });
    }
  }
  return route.fulfill({ status: 404, body: `not served by the visual test viewer: ${path}` });
}

interface Drawn {
  pages: number;
  width: number;
  height: number;
  pixelWidth: number;
  pixelHeight: number;
}

interface ViewerWindow {
  viewerReady?: boolean;
  renderPdfPage(base64: string, pageNo: number, scale: number): Promise<Drawn>;
  addPdfMasks(rects: PdfRect[], scale: number): void;
}

/**
 * One viewer tab per browser context, opened on first use and closed with the context: loading
 * pdfjs and starting its worker cost seconds on a busy machine, and a spec checks several pages.
 */
const viewers = new WeakMap<BrowserContext, Promise<Page>>();
/** The tab has one canvas: calls on one context take turns (a parallel call would draw over it). */
const turns = new WeakMap<BrowserContext, Promise<unknown>>();

async function openViewer(context: BrowserContext): Promise<Page> {
  const viewer = await context.newPage();
  await viewer.route(`${VIEWER_ORIGIN}/**`, serve);
  await viewer.goto(`${VIEWER_ORIGIN}/viewer.html`);
  await viewer.waitForFunction(() => (window as unknown as ViewerWindow).viewerReady === true);
  return viewer;
}

/** The context's viewer tab; a new one if none was opened, its start failed or it was closed. */
async function viewerFor(context: BrowserContext): Promise<Page> {
  const known = await viewers.get(context)?.catch(() => null);
  if (known && !known.isClosed()) return known;
  const opening = openViewer(context);
  viewers.set(context, opening);
  return opening;
}

function inTurn<T>(context: BrowserContext, work: () => Promise<T>): Promise<T> {
  const run = (turns.get(context) ?? Promise.resolve()).then(work, work);
  turns.set(
    context,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * Draws page `pageNo` (1-based) of `pdf` and compares it with the reference
 * tests/e2e/visual/references/<name> (a unique name ending in .png) within a tolerance.
 * `page` only lends its browser context: the drawing happens in a viewer tab of that context
 * (opened once, reused by later calls), so the caller's page stays where it was.
 *
 *   const { data } = await call('checkReport.pdf', { checkId });
 *   await expectPdfPage(page, Buffer.from(data, 'base64'), 1, 'check-report-p1.png');
 *   await expectPdfPage(page, bytes, 2, 'journal-right.png', { mask: [{ x: 50, y: 40, width: 200, height: 12 }] });
 *
 * Returns the PDF's page count and the page's size in points, for the caller's own assertions.
 */
export async function expectPdfPage(
  page: Page,
  pdf: Buffer | Uint8Array,
  pageNo: number,
  name: string,
  opts: PdfPageShotOptions = {},
): Promise<{ pages: number; size: PdfPageSize }> {
  // In CI a reference is never written, whatever flag reached Playwright: a missing one fails.
  const update = test.info().config.updateSnapshots;
  if (process.env.CI && update !== 'none')
    throw new Error(`expectPdfPage(${name}): references are not written in CI (updateSnapshots is '${update}', must be 'none')`);
  const scale = opts.scale ?? 1.5;
  const bytes = Buffer.from(pdf);
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error(`expectPdfPage(${name}): the bytes are not a PDF`);
  return inTurn(page.context(), () => drawAndCompare(page.context(), bytes, pageNo, name, opts, scale));
}

async function drawAndCompare(
  context: BrowserContext,
  bytes: Buffer,
  pageNo: number,
  name: string,
  opts: PdfPageShotOptions,
  scale: number,
): Promise<{ pages: number; size: PdfPageSize }> {
  const viewer = await viewerFor(context);
  const drawn = await viewer.evaluate(([data, n, s]) => (window as unknown as ViewerWindow).renderPdfPage(data, n, s), [
    bytes.toString('base64'),
    pageNo,
    scale,
  ] as const);
  const size = { width: drawn.width, height: drawn.height };
  // The whole sheet in the viewport: the screenshot then never depends on scrolling.
  await viewer.setViewportSize({ width: drawn.pixelWidth, height: drawn.pixelHeight });
  const extra = typeof opts.mask === 'function' ? opts.mask(size) : (opts.mask ?? []);
  const rects = [...((opts.footer ?? 'mask') === 'mask' ? [footerStrip(size)] : []), ...extra];
  await viewer.evaluate(([r, s]) => (window as unknown as ViewerWindow).addPdfMasks(r, s), [rects, scale] as const);
  await expect(viewer.locator('#pdf'), `page ${pageNo} of the PDF against the reference ${name}`).toHaveScreenshot(name, {
    mask: [viewer.locator('.mask')],
    maxDiffPixelRatio: opts.maxDiffPixelRatio ?? 0.001,
    threshold: opts.threshold ?? 0.2,
    animations: 'disabled',
    caret: 'hide',
    scale: 'css',
  });
  return { pages: drawn.pages, size };
}
