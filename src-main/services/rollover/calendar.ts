// The new year's calendar and terms from the calendar part's template (calendar/template.ts):
// quarters 1–9, halves 10–11, the year rows, exam and final rows for grades 9 and 11, holidays.
import type { Sqlite } from '../../../db/client';
import { applyTemplate, templateYear } from '../calendar/template';

export interface NewYearCalendar {
  label: string;
  startsOn: string;
  endsOn: string;
  terms: number;
  /** Writes the terms and calendar days of the (empty) year row yearId. */
  write(sqlite: Sqlite, yearId: number): void;
}

export function newYearCalendar(startYear: number): NewYearCalendar {
  const tpl = templateYear(startYear);
  return {
    label: tpl.label,
    startsOn: tpl.startsOn,
    endsOn: tpl.endsOn,
    terms: tpl.terms.length,
    write: (sqlite, yearId) => applyTemplate(sqlite, yearId, tpl),
  };
}
