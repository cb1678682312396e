// Reads the text of a PDF back, page by page, without the code that wrote it: objects, Flate
// streams, each font's ToUnicode CMap, and the content streams' Tf / Tj / TJ operators. Enough
// for what pdfkit writes (hex glyph strings of embedded fonts); not a general PDF reader.
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

export interface PdfFragment {
  x: number;
  y: number;
  text: string;
  /** The font's resource name on the page (/F1, /F2…): fragments in the same face share it. */
  font: string;
}

export interface PdfPage {
  fragments: PdfFragment[];
  /** Fragments grouped into lines (same baseline), top to bottom, joined left to right with a tab. */
  lines: string[];
  /** All lines joined with newlines. */
  text: string;
  /** The page's content stream, inflated (drawing operators: «x y m», «x y l», «S»…). */
  content: string;
}

function parseObjects(pdf: Buffer): Map<number, PdfObject> {
  const s = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endobj', start);
    const body = s.slice(start, end);
    const si = body.search(/stream\r?\n/);
    let stream: Buffer | null = null;
    let dict = body;
    if (si >= 0) {
      dict = body.slice(0, si);
      const dataStart = start + si + (body[si + 6] === '\r' ? 8 : 7);
      const len = Number(/\/Length (\d+)/.exec(dict)?.[1]);
      const raw = pdf.subarray(dataStart, dataStart + len);
      stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
    }
    out.set(Number(m[1]), { dict, stream });
    re.lastIndex = end;
  }
  return out;
}

/** code → text of a ToUnicode CMap (bfchar and both bfrange forms). */
function parseCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hexText = (h: string) => {
    let t = '';
    for (let i = 0; i < h.length; i += 4) t += String.fromCharCode(parseInt(h.slice(i, i + 4), 16));
    return t;
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const e of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(parseInt(e[1]!, 16), hexText(e[2]!.replace(/\s/g, '')));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const e of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const lo = parseInt(e[1]!, 16);
      const hi = parseInt(e[2]!, 16);
      // An entry may hold several code points («<0066 0066>» for a ligature): spaces inside <…>.
      if (e[3]!.startsWith('[')) [...e[3]!.matchAll(/<([0-9a-fA-F\s]*)>/g)].forEach((d, i) => map.set(lo + i, hexText(d[1]!.replace(/\s/g, ''))));
      else {
        const base = parseInt(e[3]!.slice(1, -1), 16);
        for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(base + c - lo));
      }
    }
  }
  return map;
}

const ref = (dict: string, key: string) => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
};

export function pdfPages(pdf: Buffer): PdfPage[] {
  const objects = parseObjects(pdf);
  // Font resource names (/F1 …) → their ToUnicode maps; pdfkit names fonts uniquely per document.
  const fonts = new Map<string, Map<number, string>>();
  for (const o of objects.values()) {
    for (const res of o.dict.matchAll(/\/Font\s*<<([^>]*)>>/g))
      for (const f of res[1]!.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
        const font = objects.get(Number(f[2]));
        const tu = font ? ref(font.dict, 'ToUnicode') : null;
        const cmap = tu !== null ? objects.get(tu)?.stream : null;
        if (cmap) fonts.set(f[1]!, parseCMap(cmap.toString('latin1')));
      }
  }
  const pagesRoot = [...objects.values()].find((o) => /\/Type\s*\/Pages\b/.test(o.dict) && !/\/Parent/.test(o.dict));
  const kids = [...(/\/Kids\s*\[([^\]]*)\]/.exec(pagesRoot?.dict ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((k) => Number(k[1]));
  return kids.map((k) => {
    const page = objects.get(k)!;
    const contents = ref(page.dict, 'Contents');
    const content = contents !== null ? (objects.get(contents)?.stream?.toString('latin1') ?? '') : '';
    return pageText(content, fonts);
  });
}

function pageText(content: string, fonts: Map<string, Map<number, string>>): PdfPage {
  const fragments: PdfFragment[] = [];
  let font: Map<number, string> | undefined;
  let fontName = '';
  let x = 0;
  let y = 0;
  const decode = (hex: string) => {
    let t = '';
    for (let i = 0; i < hex.length; i += 4) t += font?.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\uFFFD';
    return t;
  };
  const re = /\/(\w+)\s+[\d.]+\s+Tf|[\d.-]+\s+[\d.-]+\s+[\d.-]+\s+[\d.-]+\s+([\d.-]+)\s+([\d.-]+)\s+Tm|\[((?:<[0-9a-fA-F]*>|[\s\d.-])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g;
  for (const m of content.matchAll(re)) {
    if (m[1]) {
      font = fonts.get(m[1]);
      fontName = m[1];
    }
    else if (m[2] !== undefined) {
      x = Number(m[2]);
      y = Number(m[3]);
    } else {
      // In a TJ array a number moves the pen back (positive) or on (negative) by 1/1000 em: kerning is
      // small; a justified line leaves out its spaces and widens the gap instead (about -300 and more).
      const text =
        m[4] !== undefined
          ? [...m[4].matchAll(/<([0-9a-fA-F]*)>|(-?[\d.]+)/g)].map((t) => (t[1] !== undefined ? decode(t[1]) : Number(t[2]) <= -200 ? ' ' : '')).join('')
          : decode(m[5]!);
      fragments.push({ x, y, text, font: fontName });
    }
  }
  // pdfkit flips the page (cm 1 0 0 -1 0 H) and writes Tm in PDF space: a larger y is higher up.
  const rows = new Map<number, PdfFragment[]>();
  for (const f of fragments) {
    const key = Math.round(f.y);
    rows.set(key, [...(rows.get(key) ?? []), f]);
  }
  const lines = [...rows.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([, fs]) => fs.sort((a, b) => a.x - b.x).map((f) => f.text).join('\t'));
  return { fragments, lines, text: lines.join('\n'), content };
}

/**
 * The rows of a bordered table whose header row starts with `head` (its first cells' texts), on
 * every page it runs onto: cells are told apart by the header's x positions, so text wrapped inside
 * a cell joins up again. The table ends at the first text left of its first column.
 */
export function pdfTable(pages: PdfPage[], head: string[]): string[][] {
  const rows: string[][] = [];
  for (const page of pages) {
    const byLine = new Map<number, PdfFragment[]>();
    for (const f of page.fragments) byLine.set(Math.round(f.y), [...(byLine.get(Math.round(f.y)) ?? []), f]);
    const lines = [...byLine.entries()].sort((a, b) => b[0] - a[0]).map(([, fs]) => fs.sort((a, b) => a.x - b.x));
    const at = lines.findIndex((l) => head.every((h, i) => l[i]?.text.trim() === h.trim()));
    if (at < 0) continue;
    const xs = lines[at]!.map((f) => f.x);
    const col = (x: number) => xs.reduce((best, cx, i) => (cx <= x + 1 ? i : best), -1);
    // Header cells that wrap go on below it, never in the first column: a body row starts there.
    let i = at + 1;
    while (i < lines.length && Math.abs(lines[i]![0]!.x - xs[0]!) >= 1) i++;
    for (; i < lines.length; i++) {
      const l = lines[i]!;
      if (l[0]!.x < xs[0]! - 1) break;
      if (Math.abs(l[0]!.x - xs[0]!) < 1) rows.push(xs.map(() => ''));
      const row = rows.at(-1)!;
      // A cell's next line: a space where the line broke (pdfkit breaks between words; a word cut in
      // two would show up as «устр анения», which is a layout defect a test should see).
      const fresh = new Set<number>();
      for (const f of l) {
        const c = col(f.x);
        row[c] += !fresh.has(c) && row[c] ? ` ${f.text}` : f.text;
        fresh.add(c);
      }
    }
  }
  return rows.map((r) => r.map((c) => c.replace(/\s+/g, ' ').trim()));
}

