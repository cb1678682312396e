// overview.completeness: the year up to today, month by month, per class, per teacher and for
// the school, rows with their worst cell first; and the school by week for the director's chart.
import { shortName } from '../../../src-shared/names';
import { schoolDate } from '../../../src-shared/dates';
import type { CompletenessRow, CompletenessView } from '../../../src-shared/rpc/overview';
import { AppError } from '../../../src-shared/errors';
import type { Ctx } from '../context';
import { currentYear } from '../school/handlers';
import { loadSettings } from '../school/settings';
import { prep } from '../sql';
import { loadYearFacts } from './load';
import { tally, worstShare } from './tally';

interface YearRow {
  id: number;
  starts_on: string;
  ends_on: string;
}
interface NameRow {
  id: number;
  surname: string;
  name: string;
  patronymic: string | null;
}

/** 'YYYY-MM' of every month from `from` to `to`, ascending. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const cur = `${y}-${String(m).padStart(2, '0')}`;
    if (cur > last) return out;
    out.push(cur);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
}

export function completeness(ctx: Ctx, yearId: number | undefined): CompletenessView {
  const today = schoolDate(ctx.now());
  const s = loadSettings(ctx).check;
  const year = yearId
    ? (prep(ctx.sqlite, 'SELECT id, starts_on, ends_on FROM school_year WHERE id = ?').get(yearId) as YearRow | undefined)
    : currentYear(ctx, today);
  if (yearId && !year) throw new AppError('not_found', 'Такого учебного года нет: выберите год из списка');
  const base = { today, topicMinChars: s.topicMinChars, entryDays: s.entryDays };
  const to = year && (year.ends_on < today ? year.ends_on : today);
  if (!year || !to || to < year.starts_on)
    return { ...base, yearId: year?.id ?? null, months: [], byClass: [], byTeacher: [], school: [], weeks: [] };

  const months = monthsBetween(year.starts_on, to);
  const facts = loadYearFacts(ctx.sqlite, year.id, year.starts_on, to, today, s);
  const t = tally(months, facts.lessons, facts.expected);

  const classNames = new Map(
    (prep(ctx.sqlite, "SELECT id, grade || letter AS name FROM class_unit WHERE year_id = ?").all(year.id) as { id: number; name: string }[]).map(
      (r) => [r.id, r.name],
    ),
  );
  const teacherIds = [...t.byTeacher.keys()];
  const teacherNames = new Map(
    teacherIds.length === 0
      ? []
      : (prep(
          ctx.sqlite,
          `SELECT u.id, p.surname, p.name, p.patronymic FROM staff_user u JOIN person p ON p.id = u.person_id
            WHERE u.id IN (SELECT value FROM json_each(?))`,
        ).all(JSON.stringify(teacherIds)) as NameRow[]).map((r) => [r.id, shortName(r)]),
  );
  const rows = (map: Map<number, CompletenessRow['months']>, name: (id: number) => string): CompletenessRow[] =>
    [...map]
      .map(([id, cells]) => ({ id, name: name(id), months: cells, worst: worstShare(cells) }))
      .sort((a, b) => a.worst - b.worst || a.name.localeCompare(b.name, 'ru'))
      .map(({ id, name: n, months: m }) => ({ id, name: n, months: m }));
  return {
    ...base,
    yearId: year.id,
    months,
    byClass: rows(t.byClass, (id) => classNames.get(id) ?? `#${id}`),
    byTeacher: rows(t.byTeacher, (id) => teacherNames.get(id) ?? `#${id}`),
    school: t.school,
    weeks: [...t.weeks].sort(([a], [b]) => (a < b ? -1 : 1)).map(([week, value]) => ({ week, value })),
  };
}
