// Instants on screen are on the school's clock (Europe/Moscow) whatever the workstation's zone
// (issue 9), and every renderer file formats them through the one formatter.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { instant, schoolMonth } from '../../src-renderer/format';
import { portalKeyProblem, portalUrlProblem } from '../../src-shared/export/portal-config';

describe('instant', () => {
  it('shows Moscow time: 21:30 UTC is already the next day at 00:30', () => {
    expect(instant('2026-11-26T21:30:00.000Z', 'ru-RU')).toBe('27.11.2026, 00:30');
    expect(instant('2026-11-26T06:05:00.000Z', 'ru-RU')).toBe('26.11.2026, 09:05');
    expect(instant('2026-11-26T06:05:00.000Z', 'en-GB')).toBe('26/11/2026, 09:05');
    expect(instant(null, 'ru-RU')).toBe('—');
    expect(instant('not a date', 'ru-RU')).toBe('not a date');
  });

  it('the school month turns at Moscow midnight', () => {
    expect(schoolMonth(new Date('2026-11-30T20:59:00Z'))).toBe('2026-11');
    expect(schoolMonth(new Date('2026-11-30T21:00:00Z'))).toBe('2026-12');
  });

  it('is the only place in the renderer that formats an instant', () => {
    const root = fileURLToPath(new URL('../../src-renderer', import.meta.url));
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(f)) files.push(p);
      }
    };
    walk(root);
    const offenders = files.filter(
      (f) =>
        !f.endsWith(join('src-renderer', 'format.ts')) &&
        /toLocale(String|DateString|TimeString)\(|new Intl\.DateTimeFormat|toISOString\(\)\.slice/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});

describe('portal key and address checks', () => {
  it('refuse what cannot work, in Russian, and accept what can', () => {
    expect(portalKeyProblem('ыуекуе-лун-123')).toMatch(/русской раскладке/);
    expect(portalKeyProblem('abc\tdefgh')).toMatch(/пробелы/);
    expect(portalKeyProblem('abcdefgh\u00e9')).toMatch(/недопустимые символы/);
    expect(portalKeyProblem('short')).toMatch(/короткий/);
    expect(portalKeyProblem('demo-portal-token')).toBeNull();
    expect(portalUrlProblem('')).toBeNull();
    expect(portalUrlProblem('https://dnevnik.example.ru/api/')).toBeNull();
    expect(portalUrlProblem('http://127.0.0.1:8790/')).toBeNull();
    expect(portalUrlProblem('dnevnik.example.ru')).toMatch(/записан неверно/);
    expect(portalUrlProblem('javascript:alert(1)')).toMatch(/https:\/\//);
    expect(portalUrlProblem('https://dnevnik.example.ru/ api')).toMatch(/пробелы/);
    expect(portalUrlProblem('https://x.ru/?a=1')).toMatch(/«\?»/);
  });
});
