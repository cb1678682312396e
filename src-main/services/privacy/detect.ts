// The free-text check (issue 9): what in a topic, a homework text or a file name looks like
// personal data — a name of one of the school's own people in any case form, a phone number,
// an e-mail address or a document number. Pure: the name index comes from the caller.
import type { NamePart } from './declension';
import { normalize } from './declension';
import type { NameEntry, NameIndex, Who } from './name-index';

export type FindingKind = NamePart | 'phone' | 'email' | 'document';

export interface Finding {
  kind: FindingKind;
  /** For a name: whose it most likely is (a pupil before a guardian before staff). */
  who: Who | null;
  start: number;
  end: number;
  text: string;
}

/**
 * Patterns, most specific first: a span taken by one is not looked at by the next. Digits
 * next to the span, or a decimal separator before it, mean a longer number, not a document.
 */
const PATTERNS: { kind: 'phone' | 'email' | 'document'; re: RegExp }[] = [
  // Starts only where a run of address characters starts: otherwise every letter of a long
  // text would start a scan to the end of its word (quadratic on a 4,000-character homework).
  { kind: 'email', re: /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu },
  // Birth certificate: a Roman numeral, two capital Cyrillic letters, six digits («II-АК 123456»).
  { kind: 'document', re: /(?<![\p{L}\p{N}])[IVXLCМХС]{1,5}\s?-\s?[А-ЯЁ]{2}\s?№?\s?\d{6}(?!\d)/gu },
  // Russian phone numbers: +7 or 8, then 3-3-2-2 digits with spaces, dashes or brackets.
  { kind: 'phone', re: /(?<![\d+])(?:\+\s?7|8)[\s-]*\(?\d{3}\)?[\s-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)/g },
  // A city number written with dashes: 123-45-67.
  { kind: 'phone', re: /(?<![\d-])\d{3}-\d{2}-\d{2}(?![\d-])/g },
  // СНИЛС: 123-456-789 01.
  { kind: 'document', re: /(?<![\d.,])\d{3}[\s-]\d{3}[\s-]\d{3}[\s-]\d{2}(?![.,]?\d)/g },
  // Passport series and number: 40 12 345678, 4012 № 345678.
  { kind: 'document', re: /(?<![\d.,])\d{2}\s?\d{2}\s?(?:№\s?)?\d{6}(?![.,]?\d)/g },
  // ИНН (10, 12), СНИЛС (11), polis (16) and card numbers in one run of digits, or a polis in
  // groups of four. A round number («3450000000» in a maths exercise) is not a document.
  { kind: 'document', re: /(?<![\d.,])(?:\d{10,16}|\d{4} \d{4} \d{4} \d{4})(?![.,]?\d)/g },
];
const ROUND = /0{5}$/;

interface Token {
  start: number;
  end: number;
  text: string;
  entry: NameEntry | undefined;
  capital: boolean;
  /** First word of the text, of a sentence, of a line, or of a quoted title or a bracket. */
  opening: boolean;
}

const WORD = /\p{L}+/gu;
const OPENING = /[.!?…:;\n«"„“(\[][\s\d)–—-]*$/u;
const ROMAN = /^[IVXLC]+$/;
/** Two words that may belong to one name: only spaces or a hyphen between them. */
const JOINED = /^[\s-]+$/;

function patternFindings(text: string): Finding[] {
  const found: Finding[] = [];
  const hasAt = text.includes('@');
  const hasDigit = /\d/.test(text);
  for (const { kind, re } of PATTERNS) {
    // Most topics have no digit and no @: their patterns need not run at all.
    if (kind === 'email' ? !hasAt : !hasDigit) continue;
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && f.start < end)) continue;
      if (kind === 'document' && ROUND.test(m[0])) continue;
      found.push({ kind, who: null, start, end, text: m[0] });
    }
  }
  return found;
}

const sharesPerson = (a: NameEntry, b: NameEntry): boolean => {
  for (const [pa, ids] of Object.entries(a.parts))
    for (const [pb, other] of Object.entries(b.parts)) {
      if (pa === pb) continue;
      const set = new Set(ids);
      if (other.some((id) => set.has(id))) return true;
    }
  return false;
};

/**
 * Names of the school's people in the text. The rules, in order:
 * 1. next to another part of the same person's name («Иванова Мария», «Мария Иванова»): flagged;
 * 2. a famous name («Пушкина»): otherwise never;
 * 3. in lower case: never («повадки волков»);
 * 4. a name that is an ordinary word («Вера», «Заяц»): only inside a sentence, where the word
 *    would be in lower case;
 * 5. a first name or patronymic followed by a Roman numeral or another capitalized word that is
 *    not a flagged surname («Петра I», «Петра Великого», «Евгений Онегин»): not flagged;
 * 6. any other capitalized name form: flagged.
 */
function nameFindings(text: string, index: NameIndex, taken: Finding[]): Finding[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const end = start + m[0].length;
    if (taken.some((f) => start < f.end && f.start < end)) continue;
    const before = text.slice(tokens.at(-1)?.end ?? 0, start);
    const first = m[0][0]!;
    tokens.push({
      start,
      end,
      text: m[0],
      entry: index.get(normalize(m[0])),
      capital: first !== first.toLowerCase(),
      opening: tokens.length === 0 ? /^[\s\d«"„“(\[)–—.-]*$/u.test(before) : OPENING.test(before),
    });
  }
  const joined = (i: number, j: number) => {
    const a = tokens[Math.min(i, j)];
    const b = tokens[Math.max(i, j)];
    return a !== undefined && b !== undefined && JOINED.test(text.slice(a.end, b.start));
  };
  const flagged = new Array<boolean>(tokens.length).fill(false);
  const decide = (i: number, surnames: boolean) => {
    const t = tokens[i]!;
    const e = t.entry!;
    if (!!e.parts.surname !== surnames) return;
    for (const j of [i - 1, i + 1]) if (joined(i, j) && tokens[j]!.entry && sharesPerson(e, tokens[j]!.entry!)) return (flagged[i] = true);
    if (e.class === 'proper' || !t.capital) return;
    if (e.class === 'word' && t.opening) return;
    const next = tokens[i + 1];
    if (!surnames && next && joined(i, i + 1) && (ROMAN.test(next.text) || (next.capital && !flagged[i + 1]))) return;
    flagged[i] = true;
  };
  // Surnames first: whether a first name stands before a flagged surname depends on them.
  for (const surnames of [true, false]) tokens.forEach((t, i) => t.entry && decide(i, surnames));
  return tokens.flatMap((t, i) => {
    if (!flagged[i]) return [];
    const e = t.entry!;
    const kind: NamePart = e.parts.surname ? 'surname' : e.parts.name ? 'name' : 'patronymic';
    return [{ kind, who: e.who[kind] ?? null, start: t.start, end: t.end, text: t.text }];
  });
}

/** Everything in the text that looks personal, in text order. */
export function findPersonal(text: string, index: NameIndex): Finding[] {
  const patterns = patternFindings(text);
  return [...patterns, ...nameFindings(text, index, patterns)].sort((a, b) => a.start - b.start);
}

export const MASK = '***';

/** The text with every finding replaced by the mask; `masked` tells whether anything was. */
export function maskText(text: string, index: NameIndex): { text: string; masked: boolean } {
  const found = findPersonal(text, index);
  if (found.length === 0) return { text, masked: false };
  let out = '';
  let at = 0;
  for (const f of found) {
    if (f.start < at) continue;
    out += text.slice(at, f.start) + MASK;
    at = f.end;
  }
  return { text: out + text.slice(at), masked: true };
}
