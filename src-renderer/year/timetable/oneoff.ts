// Pure logic of the bells editor and the one-off lesson changes (unit-tested in
// tests/unit/timetable-ui.test.ts). Main checks everything again; these checks only spare the
// deputy a round trip and build the exact RPC inputs, so a form cannot send a half-typed slot.
import type { ValidationIssue } from '../../../src-shared/errors';
import type { LessonSlot } from '../../../src-shared/rpc/journal';
import type { SubstitutionView, TimetableEntryView } from '../../../src-shared/rpc/timetable';
import { subjectsOf } from './model';

export const MAX_SLOT = 12;

export interface BellRow {
  slot: number;
  startsAt: string;
  endsAt: string;
}

/** Why a bell field is wrong, as an i18n key (the component translates it). */
export type BellProblem = 'timetable.bells.badTime' | 'timetable.bells.endBeforeStart' | 'timetable.bells.overlap';
export type BellField = 'startsAt' | 'endsAt';
/** Messages per row index and field: the form shows each next to its input. */
export type FieldErrors = Map<string, string>;
export const fieldKey = (index: number, field: BellField) => `${index}/${field}`;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** "8:30" and " 08:30 " are what people type: both become "08:30"; anything else stays as typed. */
export function normalizeTime(s: string): string {
  const t = s.trim();
  return /^\d:[0-5]\d$/.test(t) ? `0${t}` : t;
}

/** The first problem of each row's fields, keyed by fieldKey (empty: the bells may be saved). */
export function checkBellRows(rows: readonly BellRow[]): Map<string, BellProblem> {
  const out = new Map<string, BellProblem>();
  rows.forEach((r, i) => {
    const start = normalizeTime(r.startsAt);
    const end = normalizeTime(r.endsAt);
    if (!HHMM.test(start)) out.set(fieldKey(i, 'startsAt'), 'timetable.bells.badTime');
    if (!HHMM.test(end)) out.set(fieldKey(i, 'endsAt'), 'timetable.bells.badTime');
    else if (HHMM.test(start) && end <= start) out.set(fieldKey(i, 'endsAt'), 'timetable.bells.endBeforeStart');
    // Rows are kept in slot order, so the previous row is the previous lesson.
    const prev = rows[i - 1];
    if (prev && HHMM.test(start) && HHMM.test(normalizeTime(prev.endsAt)) && start < normalizeTime(prev.endsAt) && !out.has(fieldKey(i, 'startsAt')))
      out.set(fieldKey(i, 'startsAt'), 'timetable.bells.overlap');
  });
  return out;
}

/** The setBells input: times normalized, slots in order. */
export function bellsInput(yearId: number, rows: readonly BellRow[]) {
  return {
    yearId,
    bells: [...rows].sort((a, b) => a.slot - b.slot).map((r) => ({ slot: r.slot, startsAt: normalizeTime(r.startsAt), endsAt: normalizeTime(r.endsAt) })),
  };
}

/** The next slot after the last one: starts 10 minutes after it ends and lasts 45 (null past MAX_SLOT). */
export function nextBell(rows: readonly BellRow[]): BellRow | null {
  const last = rows[rows.length - 1];
  if (!last) return { slot: 1, startsAt: '08:30', endsAt: '09:15' };
  if (last.slot >= MAX_SLOT) return null;
  const end = normalizeTime(last.endsAt);
  const startsAt = HHMM.test(end) ? addMinutes(end, 10) : '';
  return { slot: last.slot + 1, startsAt, endsAt: startsAt ? addMinutes(startsAt, 45) : '' };
}

/** "HH:MM" + minutes, clamped to 23:59 (a bell cannot pass midnight). */
export function addMinutes(hhmm: string, minutes: number): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const total = Math.min(h * 60 + m + minutes, 23 * 60 + 59);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * The server's validation issues placed at the row fields they name (["bells", 2, "endsAt"]);
 * the rest (the whole list, e.g. «Урок 3 указан дважды») go to `general`.
 */
export function placeIssues(issues: readonly ValidationIssue[]): { fields: FieldErrors; general: string[] } {
  const fields: FieldErrors = new Map();
  const general: string[] = [];
  for (const i of issues) {
    const [head, index, field] = i.path;
    if (head === 'bells' && typeof index === 'number' && (field === 'startsAt' || field === 'endsAt') && !fields.has(fieldKey(index, field)))
      fields.set(fieldKey(index, field), i.message);
    else general.push(i.message);
  }
  return { fields, general };
}

/** The group's lessons of the day (from substitution.list), by slot. */
export function lessonsOfGroup(lessons: readonly SubstitutionView[], groupId: number): SubstitutionView[] {
  return lessons.filter((l) => l.groupId === groupId).sort((a, b) => a.slot - b.slot || a.subjectName.localeCompare(b.subjectName, 'ru'));
}

/** Slots 1..max (at least 7, or the last bell) the group has no lesson in that day. */
export function freeSlots(groupLessons: readonly SubstitutionView[], bellSlots: readonly number[]): number[] {
  const max = Math.min(MAX_SLOT, Math.max(7, ...bellSlots));
  const taken = new Set(groupLessons.map((l) => l.slot));
  return Array.from({ length: max }, (_, i) => i + 1).filter((s) => !taken.has(s));
}

export const lessonRef = (l: Pick<SubstitutionView, 'groupId' | 'subjectId' | 'date' | 'slot'>): LessonSlot => ({
  groupId: l.groupId,
  subjectId: l.subjectId,
  date: l.date,
  slot: l.slot,
});

type Built<T> = { ok: true; input: T } | { ok: false; problem: 'timetable.oneoff.pickSubject' | 'timetable.oneoff.pickTeacher' | 'timetable.oneoff.pickSlot' | 'timetable.oneoff.pickDate' | 'timetable.oneoff.sameSlot' };

const slotOf = (s: string): number | null => (/^\d{1,2}$/.test(s) && Number(s) >= 1 && Number(s) <= MAX_SLOT ? Number(s) : null);
const idOf = (s: string): number | null => (/^[1-9]\d*$/.test(s) ? Number(s) : null);
const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** timetable.addLesson's input from the extra-lesson form (ids and slot as the selects hold them). */
export function extraLessonInput(groupId: number, date: string, form: { subjectId: string; teacherId: string; slot: string }): Built<{ lesson: LessonSlot; teacherId: number }> {
  const subjectId = idOf(form.subjectId);
  const teacherId = idOf(form.teacherId);
  const slot = slotOf(form.slot);
  if (subjectId === null) return { ok: false, problem: 'timetable.oneoff.pickSubject' };
  if (teacherId === null) return { ok: false, problem: 'timetable.oneoff.pickTeacher' };
  if (slot === null) return { ok: false, problem: 'timetable.oneoff.pickSlot' };
  return { ok: true, input: { lesson: { groupId, subjectId, date, slot }, teacherId } };
}

/** timetable.moveLesson's input; moving a lesson onto itself is refused here. */
export function moveLessonInput(l: SubstitutionView, form: { date: string; slot: string }): Built<{ lesson: LessonSlot; to: { date: string; slot: number } }> {
  if (!isDate(form.date)) return { ok: false, problem: 'timetable.oneoff.pickDate' };
  const slot = slotOf(form.slot);
  if (slot === null) return { ok: false, problem: 'timetable.oneoff.pickSlot' };
  if (form.date === l.date && slot === l.slot) return { ok: false, problem: 'timetable.oneoff.sameSlot' };
  return { ok: true, input: { lesson: lessonRef(l), to: { date: form.date, slot } } };
}

/** The subjects offered for an extra lesson: those of the group's week (all when it has none). */
export function groupSubjects(entries: readonly TimetableEntryView[], groupId: number): { id: number; name: string }[] {
  const own = entries.filter((e) => e.groupId === groupId);
  return subjectsOf(own.length > 0 ? own : entries);
}

/** The teacher who teaches the subject to the group in its week (the extra lesson's default), else null. */
export function teacherFor(entries: readonly TimetableEntryView[], groupId: number, subjectId: number): number | null {
  return entries.find((e) => e.groupId === groupId && e.subjectId === subjectId)?.teacherId ?? null;
}
