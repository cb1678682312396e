// The calendar's validation rules, shared by main (which enforces them) and the renderer
// (which shows them on the form before sending). Pure: no database, no DOM.
import { PERIOD_COUNT, type StudyKind } from '../rpc/calendar';

export interface CalendarIssue {
  path: (string | number)[];
  message: string;
}

const ddmmyyyy = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;

const KIND_COUNT_TEXT: Record<StudyKind, string> = {
  quarter: 'Четвертей в году четыре',
  half: 'Полугодий в году два',
  trimester: 'Триместров в году три',
};

/**
 * Study periods of one grade range: as many as the kind has, each inside the year, one after
 * another without overlapping (a break between them is allowed, none is required).
 */
export function periodIssues(
  year: { startsOn: string; endsOn: string },
  kind: StudyKind,
  periods: readonly { startsOn: string; endsOn: string }[],
): CalendarIssue[] {
  const out: CalendarIssue[] = [];
  if (periods.length !== PERIOD_COUNT[kind])
    out.push({ path: ['periods'], message: `${KIND_COUNT_TEXT[kind]}: укажите ${PERIOD_COUNT[kind]} периода с датами` });
  periods.forEach((p, i) => {
    if (p.endsOn < p.startsOn) out.push({ path: ['periods', i, 'endsOn'], message: 'конец раньше начала' });
    if (p.startsOn < year.startsOn)
      out.push({ path: ['periods', i, 'startsOn'], message: `раньше начала учебного года (${ddmmyyyy(year.startsOn)})` });
    if (p.endsOn > year.endsOn)
      out.push({ path: ['periods', i, 'endsOn'], message: `позже конца учебного года (${ddmmyyyy(year.endsOn)})` });
    const prev = periods[i - 1];
    if (prev && p.startsOn <= prev.endsOn)
      out.push({ path: ['periods', i, 'startsOn'], message: `начинается до конца предыдущего периода (${ddmmyyyy(prev.endsOn)})` });
  });
  return out;
}

/** A holiday or working day: inside the year; a span only for holidays, at most 62 days; a working day names its weekday. */
export function dayIssues(
  year: { startsOn: string; endsOn: string },
  day: { kind: 'holiday' | 'workday'; date: string; until?: string | undefined; asWeekday?: number | undefined },
): CalendarIssue[] {
  const out: CalendarIssue[] = [];
  const last = day.until ?? day.date;
  if (day.date < year.startsOn || day.date > year.endsOn)
    out.push({ path: ['date'], message: `вне учебного года (${ddmmyyyy(year.startsOn)}–${ddmmyyyy(year.endsOn)})` });
  if (last < day.date) out.push({ path: ['until'], message: 'конец раньше начала' });
  else if (last > year.endsOn) out.push({ path: ['until'], message: `позже конца учебного года (${ddmmyyyy(year.endsOn)})` });
  else if (daysBetween(day.date, last) > 61) out.push({ path: ['until'], message: 'не больше 62 дней за один раз' });
  if (day.kind === 'workday') {
    if (day.until !== undefined && day.until !== day.date) out.push({ path: ['until'], message: 'рабочий день задаётся одной датой' });
    if (day.asWeekday === undefined) out.push({ path: ['asWeekday'], message: 'укажите, по расписанию какого дня недели учатся' });
    else if (day.asWeekday > 6) out.push({ path: ['asWeekday'], message: 'расписания на воскресенье нет: выберите понедельник–субботу' });
  } else if (day.asWeekday !== undefined) out.push({ path: ['asWeekday'], message: 'у выходного дня нет расписания' });
  return out;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T12:00:00Z`) - Date.parse(`${a}T12:00:00Z`)) / 86_400_000);
}
