// The school calendar of the demo year: the standard template (services/calendar/template.ts)
// for the year holding "today", and the school days lessons are generated on — computed by the
// same rule schoolDays() applies once the template is written, so the demo's lessons fall
// exactly on the stored calendar's school days.
import { addDays } from '../../src-shared/dates';
import {
  mondayOnOrAfter,
  templateSchoolDays,
  templateYear,
  yearOf,
  type TemplateTerm,
  type YearTemplate,
} from '../services/calendar/template';

export { yearOf };
export type TermDef = TemplateTerm;

export interface YearCalendar {
  label: string;
  startsOn: string;
  endsOn: string;
  terms: TermDef[];
  /** What applyTemplate() writes into the demo's year. */
  template: YearTemplate;
  /** Every weekday with lessons for grades 2–11, ascending. */
  schoolDays: string[];
  /** The first-graders' extra February week (no lessons for grade 1 on these days). */
  firstGradeBreak: { from: string; to: string };
}

export function calendarFor(today: string): YearCalendar {
  const y = yearOf(today);
  const template = templateYear(y);
  const feb = mondayOnOrAfter(`${y + 1}-02-15`);
  return {
    label: template.label,
    startsOn: template.startsOn,
    endsOn: template.endsOn,
    terms: template.terms,
    template,
    schoolDays: templateSchoolDays(template, 2).map((d) => d.date),
    firstGradeBreak: { from: feb, to: addDays(feb, 6) },
  };
}
