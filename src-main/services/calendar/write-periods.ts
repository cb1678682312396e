// Writing a period plan (periods.ts) into the term table, inside the caller's transaction:
// closed terms refuse any change, term marks follow their period (same kind and number) to
// the row that now holds their grade, and a period with marks that would vanish refuses.
import type { Sqlite } from '../../../db/client';
import { AppError } from '../../../src-shared/errors';
import type { StudyKind } from '../../../src-shared/rpc/calendar';
import { prep } from '../sql';
import { planPeriods, type StudyRow, type TargetRow } from './periods';
import { studyRows, yearTerms } from './store';

const KIND_NAME: Record<StudyKind, string> = { quarter: 'четверть', half: 'полугодие', trimester: 'триместр' };
const KIND_OF: Record<StudyKind, string> = { quarter: 'четверти', half: 'полугодия', trimester: 'триместра' };
const grades = (f: number, t: number) => (f === t ? `${f} класса` : `${f}–${t} классов`);
const view = (r: Omit<StudyRow, 'id'>) => ({
  kind: r.kind,
  number: r.number,
  startsOn: r.startsOn,
  endsOn: r.endsOn,
  gradeFrom: r.gradeFrom,
  gradeTo: r.gradeTo,
});

export function applyPeriodPlan(
  sqlite: Sqlite,
  yearId: number,
  input: { gradeFrom: number; gradeTo: number; kind: StudyKind; periods: { startsOn: string; endsOn: string }[] },
): { before: unknown; after: unknown } {
  const terms = yearTerms(sqlite, yearId);
  const existing = studyRows(terms);
  const plan = planPeriods(existing, input, input.kind, input.periods);
  const touched = [...plan.changed, ...plan.deleted];

  // A closed period (for the school or for any class) keeps its dates, grades and row.
  const byId = new Map(terms.map((t) => [t.id, t]));
  const closed = touched.find((r) => byId.get(r.id)?.closed);
  if (closed)
    throw new AppError(
      'locked',
      `${closed.number} ${KIND_NAME[closed.kind]} ${grades(closed.gradeFrom, closed.gradeTo)} закрыт${closed.kind === 'half' ? 'о' : closed.kind === 'quarter' ? 'а' : ''}: его даты и классы не меняются. Измените другие периоды или сначала откройте этот`,
    );

  // Each term mark of a touched row moves to the row of the same kind and number that now holds its grade.
  const ids = touched.map((r) => r.id);
  const marks = ids.length
    ? (sqlite
        .prepare(
          `SELECT m.id, m.term_id, c.grade FROM term_mark m JOIN study_group g ON g.id = m.group_id JOIN class_unit c ON c.id = g.class_id
            WHERE m.term_id IN (${ids.map(() => '?').join(',')})`,
        )
        .all(...ids) as { id: number; term_id: number; grade: number }[])
    : [];
  const touchedById = new Map(touched.map((r) => [r.id, r]));
  const moves: { markId: number; to: TargetRow }[] = [];
  const lost = new Map<string, number>();
  for (const m of marks) {
    const old = touchedById.get(m.term_id)!;
    const to = plan.target.find((t) => t.kind === old.kind && t.number === old.number && t.gradeFrom <= m.grade && m.grade <= t.gradeTo);
    if (!to) {
      const key = `${old.number} ${KIND_OF[old.kind]} (${m.grade} класс)`;
      lost.set(key, (lost.get(key) ?? 0) + 1);
    } else if (to.id !== m.term_id) moves.push({ markId: m.id, to });
  }
  if (lost.size)
    throw new AppError(
      'conflict',
      `Нельзя убрать периоды, за которые уже выставлены отметки: ${[...lost].map(([k, n]) => `${k} — ${n}`).join('; ')}. Сохраните прежний вид периодов для этих классов или сначала удалите эти отметки`,
    );

  // New rows first with a temporary negative number (the unique key is year, kind, number,
  // first grade: a row about to change or go may still hold the final key), then the moves,
  // the deletions, the changes, and last the final numbers.
  const insert = prep(sqlite, 'INSERT INTO term (year_id, kind, number, starts_on, ends_on, grade_from, grade_to) VALUES (?,?,?,?,?,?,?)');
  const fresh: { id: number; row: TargetRow }[] = [];
  plan.target.forEach((t, i) => {
    if (t.id !== null) return;
    t.id = Number(insert.run(yearId, t.kind, -(i + 1), t.startsOn, t.endsOn, t.gradeFrom, t.gradeTo).lastInsertRowid);
    fresh.push({ id: t.id, row: t });
  });
  const move = prep(sqlite, 'UPDATE term_mark SET term_id = ? WHERE id = ?');
  for (const m of moves) move.run(m.to.id, m.markId);
  const del = prep(sqlite, 'DELETE FROM term WHERE id = ?');
  for (const r of plan.deleted) del.run(r.id);
  const park = prep(sqlite, 'UPDATE term SET number = ? WHERE id = ?');
  const changedIds = new Set(plan.changed.map((r) => r.id));
  for (const id of changedIds) park.run(-id - 1_000_000, id);
  const update = prep(
    sqlite,
    'UPDATE term SET kind = ?, number = ?, starts_on = ?, ends_on = ?, grade_from = ?, grade_to = ? WHERE id = ?',
  );
  for (const t of plan.target)
    if (t.id !== null && changedIds.has(t.id)) update.run(t.kind, t.number, t.startsOn, t.endsOn, t.gradeFrom, t.gradeTo, t.id);
  for (const f of fresh) park.run(f.row.number, f.id);

  return {
    before: {
      gradeFrom: input.gradeFrom,
      gradeTo: input.gradeTo,
      periods: existing.filter((r) => touchedById.has(r.id) || overlapsRange(r, input)).map(view),
    },
    after: { gradeFrom: input.gradeFrom, gradeTo: input.gradeTo, periods: plan.target.map(view), marksMoved: moves.length },
  };
}

function overlapsRange(r: StudyRow, g: { gradeFrom: number; gradeTo: number }): boolean {
  return r.gradeFrom <= g.gradeTo && g.gradeFrom <= r.gradeTo;
}
