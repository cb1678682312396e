// The new year's calendar and terms. The calendar part's template (templateYear/applyTemplate
// in ../calendar/template.ts) replaces this when it is merged; until then the demo's calendar
// gives the same terms (quarters 1–9, halves 10–11, the year rows).
import type { Sqlite } from '../../../db/client';
import { calendarFor } from '../../demo/calendar';
import { prep } from '../sql';

export interface NewYearCalendar {
  label: string;
  startsOn: string;
  endsOn: string;
  terms: number;
  /** Writes the terms (and calendar days) of the year row yearId. */
  write(sqlite: Sqlite, yearId: number): void;
}

export function newYearCalendar(startYear: number): NewYearCalendar {
  const cal = calendarFor(`${startYear}-09-01`);
  return {
    label: cal.label,
    startsOn: cal.startsOn,
    endsOn: cal.endsOn,
    terms: cal.terms.length,
    write(sqlite, yearId) {
      const ins = prep(sqlite, 'INSERT INTO term (year_id, kind, number, starts_on, ends_on, grade_from, grade_to) VALUES (?,?,?,?,?,?,?)');
      for (const t of cal.terms) ins.run(yearId, t.kind, t.number, t.startsOn, t.endsOn, t.gradeFrom, t.gradeTo);
    },
  };
}
