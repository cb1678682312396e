// The sha256 every page carries (DESIGN.md §11): over a canonical JSON of exactly what is
// printed — the report without its sum — so the same data gives the same sum on another day,
// and any printed change (a mark, a name, a period) changes it. Subtitles never hold the print
// date for that reason (the page footer carries it).
import { createHash } from 'node:crypto';
import type { Report } from '../../../src-shared/reports/model';

/** JSON with object keys sorted at every level: the same content, the same bytes. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

export function sealReport(r: Omit<Report, 'sha256'>): Report {
  const sha256 = createHash('sha256').update(canonicalJson(r)).digest('hex');
  return { ...r, sha256 };
}
