// The check's school days and timetable (issue 12): each (year, grade) calendar once per check,
// and the timetable's slots on school days that have no stored lesson (nothing entered yet).
import type { Sqlite } from '../../../db/client';
import { computeSchoolDays, gradeCalendar, type SchoolDay } from '../calendar/days';
import { prep } from '../sql';
import type { EntryRow } from '../timetable/generate';
import type { CheckJournal, CheckSlot } from './data';

export type Calendars = (yearId: number, grade: number) => readonly SchoolDay[];

/** Each (year, grade) calendar read once per check: the year's school days with the weekday each follows. */
export function calendarCache(sqlite: Sqlite): Calendars {
  const cache = new Map<string, SchoolDay[]>();
  return (yearId, grade) => {
    const k = `${yearId}:${grade}`;
    let days = cache.get(k);
    if (!days) {
      const y = prep(sqlite, 'SELECT starts_on, ends_on FROM school_year WHERE id = ?').get(yearId) as {
        starts_on: string;
        ends_on: string;
      };
      cache.set(k, (days = computeSchoolDays(gradeCalendar(sqlite, yearId, grade), y.starts_on, y.ends_on)));
    }
    return days;
  };
}

/** The school days of a calendar in [from, to]. */
function daysIn(days: readonly SchoolDay[], from: string, to: string): SchoolDay[] {
  return days.filter((d) => d.date >= from && d.date <= to);
}

/** Timetable slots of the groups given on their school days in [from, to] that `taken` does not hold. */
export function timetableSlots(
  sqlite: Sqlite,
  calendars: Calendars,
  groups: Map<number, CheckJournal>,
  inScope: (g: number, s: number) => boolean,
  from: string,
  to: string,
  taken: Set<string>,
): CheckSlot[] {
  const slots: CheckSlot[] = [];
  if (to < from) return slots;
  const entries = prep(
    sqlite,
    `SELECT group_id, subject_id, teacher_id, weekday, slot, valid_from, valid_to FROM timetable_entry
       WHERE draft = 0 AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)`,
  ).all(to, from) as EntryRow[];
  const byGroup = new Map<number, typeof entries>();
  for (const e of entries) {
    if (!groups.has(e.group_id) || !inScope(e.group_id, e.subject_id)) continue;
    let list = byGroup.get(e.group_id);
    if (!list) byGroup.set(e.group_id, (list = []));
    list.push(e);
  }
  const rangeDays = new Map<string, SchoolDay[]>();
  for (const [groupId, list] of byGroup) {
    const j = groups.get(groupId)!;
    const cal = `${j.yearId}:${j.grade}`;
    let days = rangeDays.get(cal);
    if (!days) rangeDays.set(cal, (days = daysIn(calendars(j.yearId, j.grade), from, to)));
    for (const d of days)
      for (const e of list)
        if (
          e.weekday === d.asWeekday &&
          e.valid_from <= d.date &&
          (e.valid_to === null || e.valid_to >= d.date) &&
          !taken.has(`${groupId}|${e.subject_id}|${d.date}|${e.slot}`)
        )
          slots.push({ groupId, subjectId: e.subject_id, date: d.date, slot: e.slot, teacherId: e.teacher_id });
  }
  return slots;
}
