// The school year's calendar: terms per grade, holidays and working days, the week length (issue 11).
// Every write is one mutate() with an audit record (before/after) on the year; archived years
// refuse writes; every read the change depends on happens inside its transaction.
import { AppError } from '../../../src-shared/errors';
import { dayIssues, periodIssues } from '../../../src-shared/calendar/rules';
import { addDays } from '../../../src-shared/dates';
import type { Handlers } from '../../rpc/handlers';
import type { calendarMethods } from '../../../src-shared/rpc/calendar';
import { mutate } from '../mutate';
import { prep } from '../sql';
import { lessonsOffCalendar, loadYear, studyRows, writableYear, yearDays, yearTerms, yearWeeks } from './store';
import { applyPeriodPlan } from './write-periods';

const ddmm = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
const grades = (f: number, t: number) => (f === t ? `${f} класса` : `${f}–${t} классов`);

export const calendarHandlers: Pick<Handlers, keyof typeof calendarMethods> = {
  'calendar.get': (ctx, input) => {
    const y = loadYear(ctx, input.yearId);
    const terms = yearTerms(ctx.sqlite, y.id);
    const ranges = new Map<string, { gradeFrom: number; gradeTo: number; kind: 'quarter' | 'half' | 'trimester' }>();
    for (const r of studyRows(terms))
      ranges.set(`${r.gradeFrom}-${r.gradeTo}`, { gradeFrom: r.gradeFrom, gradeTo: r.gradeTo, kind: r.kind });
    return {
      year: { id: y.id, label: y.label, startsOn: y.starts_on, endsOn: y.ends_on, archived: y.status === 'archived' },
      ranges: [...ranges.values()].sort((a, b) => a.gradeFrom - b.gradeFrom),
      terms,
      days: yearDays(ctx.sqlite, y.id),
      weeks: yearWeeks(ctx.sqlite, y.id),
    };
  },

  'calendar.setPeriods': (ctx, input) =>
    mutate(ctx, (rec) => {
      const y = writableYear(ctx, input.yearId);
      const issues = periodIssues({ startsOn: y.starts_on, endsOn: y.ends_on }, input.kind, input.periods);
      if (issues.length) throw new AppError('validation', `Периоды заданы неверно: ${issues[0]!.message}`, issues);
      const { before, after } = applyPeriodPlan(ctx.sqlite, y.id, input);
      rec.audit({ action: 'calendar.setPeriods', entity: 'school_year', entityId: y.id, before, after });
      return { lessonsOffCalendar: lessonsOffCalendar(ctx.sqlite, y.id, input.gradeFrom, input.gradeTo) };
    }),

  'calendar.setDay': (ctx, input) =>
    mutate(ctx, (rec) => {
      const y = writableYear(ctx, input.yearId);
      const issues = dayIssues({ startsOn: y.starts_on, endsOn: y.ends_on }, input);
      if (issues.length) throw new AppError('validation', `День задан неверно: ${issues[0]!.message}`, issues);
      const asWeekday = input.kind === 'workday' ? (input.asWeekday ?? null) : null;
      const note = input.note ? input.note : null;
      const onDate = prep(
        ctx.sqlite,
        'SELECT id, kind, grade_from, grade_to, as_weekday, note FROM calendar_day WHERE year_id = ? AND date = ?',
      );
      const before: unknown[] = [];
      const after: unknown[] = [];
      for (let d = input.date; d <= (input.until ?? input.date); d = addDays(d, 1)) {
        const rows = (
          onDate.all(y.id, d) as {
            id: number;
            kind: string;
            grade_from: number;
            grade_to: number;
            as_weekday: number | null;
            note: string | null;
          }[]
        ).filter((r) => r.grade_from <= input.gradeTo && input.gradeFrom <= r.grade_to);
        const exact = rows.find((r) => r.grade_from === input.gradeFrom && r.grade_to === input.gradeTo);
        const covering = rows.find(
          (r) => r.kind === input.kind && r.as_weekday === asWeekday && r.grade_from <= input.gradeFrom && input.gradeTo <= r.grade_to,
        );
        const clash = rows.find((r) => r !== exact && r !== covering);
        if (clash)
          throw new AppError(
            'conflict',
            `На ${ddmm(d)} для ${grades(clash.grade_from, clash.grade_to)} уже задан ${clash.kind === 'holiday' ? 'выходной' : 'рабочий'} день: удалите его или измените его для тех же классов`,
          );
        if (exact) {
          before.push({
            date: d,
            kind: exact.kind,
            gradeFrom: exact.grade_from,
            gradeTo: exact.grade_to,
            asWeekday: exact.as_weekday,
            note: exact.note,
          });
          prep(ctx.sqlite, 'UPDATE calendar_day SET kind = ?, as_weekday = ?, note = ? WHERE id = ?').run(
            input.kind,
            asWeekday,
            note,
            exact.id,
          );
        } else if (covering)
          continue; // already so for a wider range of grades
        else
          prep(
            ctx.sqlite,
            'INSERT INTO calendar_day (year_id, date, kind, grade_from, grade_to, as_weekday, note) VALUES (?,?,?,?,?,?,?)',
          ).run(y.id, d, input.kind, input.gradeFrom, input.gradeTo, asWeekday, note);
        after.push({ date: d, kind: input.kind, gradeFrom: input.gradeFrom, gradeTo: input.gradeTo, asWeekday, note });
      }
      // Audited even when every day was already so (a repeated call): mutate() wants a record of each accepted write.
      rec.audit({ action: 'calendar.setDay', entity: 'school_year', entityId: y.id, before: before.length ? before : null, after });
      return { lessonsOffCalendar: lessonsOffCalendar(ctx.sqlite, y.id, input.gradeFrom, input.gradeTo) };
    }),

  'calendar.removeDay': (ctx, input) =>
    mutate(ctx, (rec) => {
      const ids = [...new Set(input.ids)];
      const rows = ids.map((id) => {
        const r = prep(
          ctx.sqlite,
          'SELECT id, year_id, date, kind, grade_from, grade_to, as_weekday, note FROM calendar_day WHERE id = ?',
        ).get(id) as
          | {
              id: number;
              year_id: number;
              date: string;
              kind: string;
              grade_from: number;
              grade_to: number;
              as_weekday: number | null;
              note: string | null;
            }
          | undefined;
        if (!r) throw new AppError('not_found', 'Такого выходного или рабочего дня нет: обновите календарь');
        return r;
      });
      const yearIds = new Set(rows.map((r) => r.year_id));
      if (yearIds.size > 1)
        throw new AppError('validation', 'Дни разных учебных лет удаляются по отдельности', [{ path: ['ids'], message: 'разные годы' }]);
      const y = writableYear(ctx, rows[0]!.year_id);
      for (const r of rows) prep(ctx.sqlite, 'DELETE FROM calendar_day WHERE id = ?').run(r.id);
      rec.audit({
        action: 'calendar.removeDay',
        entity: 'school_year',
        entityId: y.id,
        before: rows.map((r) => ({
          date: r.date,
          kind: r.kind,
          gradeFrom: r.grade_from,
          gradeTo: r.grade_to,
          asWeekday: r.as_weekday,
          note: r.note,
        })),
        after: null,
      });
      const from = Math.min(...rows.map((r) => r.grade_from));
      const to = Math.max(...rows.map((r) => r.grade_to));
      return { lessonsOffCalendar: lessonsOffCalendar(ctx.sqlite, y.id, from, to) };
    }),

  'calendar.setWeek': (ctx, input) =>
    mutate(ctx, (rec) => {
      const y = writableYear(ctx, input.yearId);
      const was =
        (
          prep(ctx.sqlite, 'SELECT days_per_week FROM year_grade WHERE year_id = ? AND grade = ?').get(y.id, input.grade) as
            { days_per_week: number } | undefined
        )?.days_per_week ?? 5;
      {
        prep(
          ctx.sqlite,
          'INSERT INTO year_grade (year_id, grade, days_per_week) VALUES (?,?,?) ON CONFLICT (year_id, grade) DO UPDATE SET days_per_week = excluded.days_per_week',
        ).run(y.id, input.grade, input.daysPerWeek);
        rec.audit({
          action: 'calendar.setWeek',
          entity: 'school_year',
          entityId: y.id,
          before: { grade: input.grade, daysPerWeek: was },
          after: { grade: input.grade, daysPerWeek: input.daysPerWeek },
        });
      }
      return { lessonsOffCalendar: lessonsOffCalendar(ctx.sqlite, y.id, input.grade, input.grade) };
    }),
};
