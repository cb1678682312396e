// The monthly check (issue 12): the whole school's check of one month through runRules (the
// one loader, every rule of the engine) against a raw scan of that month's lessons, marks and
// absences on the same connection in the same run. Two rows: the time itself (≤ 2 s) and the
// ratio to the raw scan (≤ 5×). Read-only: the database is left as it was.
import type { App } from '../../src-main/app';
import { runRules } from '../../src-main/services/check/engine';
import { DEFAULT_SETTINGS } from '../../src-shared/domain';
import { compare, row, type BenchRow } from './measure';

/** The last whole month before the bench's "today" (2027-05-31): April 2027. */
const FROM = '2027-04-01';
const TO = '2027-04-30';
const TODAY = '2027-05-31';

export async function checkBenches(app: App, quick: boolean): Promise<{ rows: BenchRow[]; info: string }> {
  const s = app.services.sqlite;
  const run = () =>
    runRules(app.services, {
      from: FROM,
      to: TO,
      today: TODAY,
      scope: { classIds: [], teacherIds: [], subjectIds: [] },
      settings: DEFAULT_SETTINGS.check,
    });
  // What any check must at least read: every column of the month's lessons, marks and absences.
  const lessons = s.prepare('SELECT l.* FROM lesson l WHERE l.date BETWEEN ? AND ?');
  const marks = s.prepare('SELECT m.* FROM lesson l JOIN mark m ON m.lesson_id = l.id WHERE l.date BETWEEN ? AND ?');
  const absences = s.prepare('SELECT a.* FROM lesson l JOIN absence a ON a.lesson_id = l.id WHERE l.date BETWEEN ? AND ?');
  let scanned = 0;
  const raw = () => {
    scanned = lessons.raw(true).all(FROM, TO).length + marks.raw(true).all(FROM, TO).length + absences.raw(true).all(FROM, TO).length;
  };
  const findings = run();
  const { value, baseline } = await compare(run, raw, quick ? 3 : 9);
  const byRule = new Map<string, number>();
  for (const f of findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  const info = `check ${FROM}…${TO}: ${findings.length} findings (${[...byRule].map(([r, n]) => `${r} ${n}`).join(', ')}); raw scan ${scanned} rows`;
  return {
    info,
    rows: [row('check: whole school, one month', 'ms', value, null, 2000), row('check: whole school month vs raw scan', 'ms', value, baseline, 5)],
  };
}
