// The weekly timetable of a group: reading it on a date, changing one slot from a date (the
// entry in force ends the day before; the same date replaces it), and the bell times.
import type { Sqlite } from '../../../db/client';
import { addDays } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import { shortName } from '../../../src-shared/names';
import type { TimetableEntryView } from '../../../src-shared/rpc/timetable';
import type { Ctx } from '../context';
import { mutate, type Recorder } from '../mutate';
import { className } from '../journal/format';
import { listTeachers } from '../journal/view';
import { prep } from '../sql';
import { generateLessons, yearOf } from './generate';
import { checkBells, type Bell } from './bells';

const invalid = (message: string, field?: string) => new AppError('validation', message, field ? [{ path: [field], message }] : undefined);

interface EntryRow {
  id: number;
  group_id: number;
  subject_id: number;
  teacher_id: number;
  weekday: number;
  slot: number;
  room: string | null;
  valid_from: string;
  valid_to: string | null;
  draft: number;
}

/** The year holding a date (open or archived); null outside every year. */
export function yearAt(sqlite: Sqlite, date: string): number | null {
  const y = prep(sqlite, 'SELECT id FROM school_year WHERE ? BETWEEN starts_on AND ends_on ORDER BY status = \'open\' DESC LIMIT 1').get(
    date,
  ) as { id: number } | undefined;
  return y?.id ?? null;
}

export function getTimetable(
  ctx: Ctx,
  input: { date: string; classId?: number | undefined; groupId?: number | undefined; teacherId?: number | undefined; drafts?: boolean | undefined },
) {
  const s = ctx.sqlite;
  const yearId = yearAt(s, input.date);
  const teachers = listTeachers(ctx).teachers;
  if (yearId === null) return { yearId: null, entries: [], bells: [], teachers };
  const rows = prep(
    s,
    `SELECT t.id, t.group_id, g.name AS group_name, c.grade, c.letter, t.subject_id, sb.name AS subject_name, t.teacher_id,
            p.surname, p.name, p.patronymic, t.weekday, t.slot, t.room, t.valid_from, t.valid_to, t.draft
       FROM timetable_entry t JOIN study_group g ON g.id = t.group_id JOIN class_unit c ON c.id = g.class_id
       JOIN subject sb ON sb.id = t.subject_id JOIN staff_user u ON u.id = t.teacher_id JOIN person p ON p.id = u.person_id
       WHERE c.year_id = @year AND (@cls IS NULL OR c.id = @cls) AND (@grp IS NULL OR t.group_id = @grp) AND (@tch IS NULL OR t.teacher_id = @tch)
         AND ((t.draft = 0 AND t.valid_from <= @date AND (t.valid_to IS NULL OR t.valid_to >= @date)) OR (@drafts = 1 AND t.draft = 1))
       ORDER BY t.weekday, t.slot, c.grade, c.letter, g.name`,
  ).all({
    year: yearId,
    cls: input.classId ?? null,
    grp: input.groupId ?? null,
    tch: input.teacherId ?? null,
    date: input.date,
    drafts: input.drafts ? 1 : 0,
  }) as (EntryRow & {
    group_name: string;
    grade: number;
    letter: string;
    subject_name: string;
    surname: string;
    name: string;
    patronymic: string | null;
  })[];
  const entries: TimetableEntryView[] = rows.map((r) => ({
    id: r.id,
    groupId: r.group_id,
    groupName: r.group_name,
    className: className(r.grade, r.letter),
    subjectId: r.subject_id,
    subjectName: r.subject_name,
    teacherId: r.teacher_id,
    teacherName: shortName(r),
    weekday: r.weekday,
    slot: r.slot,
    room: r.room,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    draft: r.draft === 1,
  }));
  return { yearId, entries, bells: bellsOf(s, yearId), teachers };
}

export function bellsOf(sqlite: Sqlite, yearId: number): Bell[] {
  return (
    prep(sqlite, 'SELECT slot, starts_at, ends_at FROM bell_time WHERE year_id = ? ORDER BY slot').all(yearId) as {
      slot: number;
      starts_at: string;
      ends_at: string;
    }[]
  ).map((b) => ({ slot: b.slot, startsAt: b.starts_at, endsAt: b.ends_at }));
}

export function setBells(ctx: Ctx, input: { yearId: number; bells: Bell[] }) {
  const problem = checkBells(input.bells);
  if (problem) throw invalid(problem, 'bells');
  return mutate(ctx, (rec) => {
    yearOf(ctx.sqlite, input.yearId);
    const before = bellsOf(ctx.sqlite, input.yearId);
    prep(ctx.sqlite, 'DELETE FROM bell_time WHERE year_id = ?').run(input.yearId);
    const ins = prep(ctx.sqlite, 'INSERT INTO bell_time (year_id, slot, starts_at, ends_at) VALUES (?,?,?,?)');
    for (const b of input.bells) ins.run(input.yearId, b.slot, b.startsAt, b.endsAt);
    const after = bellsOf(ctx.sqlite, input.yearId);
    rec.audit({ action: 'timetable.bells', entity: 'school_year', entityId: input.yearId, before, after });
    return { bells: after };
  });
}

/** A group's year and whether its timetable is still the rollover's draft. */
function groupInfo(sqlite: Sqlite, groupId: number) {
  const g = prep(
    sqlite,
    `SELECT c.year_id, (EXISTS (SELECT 1 FROM teaching_load WHERE group_id = g.id AND draft = 1)
                        OR EXISTS (SELECT 1 FROM timetable_entry WHERE group_id = g.id AND draft = 1)) AS draft
       FROM study_group g JOIN class_unit c ON c.id = g.class_id WHERE g.id = ?`,
  ).get(groupId) as { year_id: number; draft: number } | undefined;
  if (!g) throw new AppError('not_found', 'Нет такой группы');
  return g;
}

function assertTeacher(sqlite: Sqlite, teacherId: number, field: string): void {
  const ok = prep(
    sqlite,
    `SELECT 1 FROM staff_user u WHERE u.id = ? AND u.disabled = 0
       AND EXISTS (SELECT 1 FROM staff_role r WHERE r.staff_id = u.id AND r.role IN ('teacher','classTeacher'))`,
  ).get(teacherId);
  if (!ok) throw invalid('Выберите учителя из списка сотрудников', field);
}

export interface SlotChange {
  groupId: number;
  weekday: number;
  slot: number;
  subjectId: number;
  teacherId: number;
  room?: string | null | undefined;
  from: string;
}

/** Checks one change against the database; a Russian message when refused. Used by the import too. */
export function checkChange(sqlite: Sqlite, c: SlotChange): void {
  const g = groupInfo(sqlite, c.groupId);
  const year = yearOf(sqlite, g.year_id);
  if (c.from < year.starts_on || c.from > year.ends_on)
    throw invalid(`Дата начала должна быть внутри учебного года (${year.starts_on} – ${year.ends_on})`, 'from');
  if (!prep(sqlite, 'SELECT 1 FROM subject WHERE id = ?').get(c.subjectId)) throw invalid('Нет такого предмета', 'subjectId');
  assertTeacher(sqlite, c.teacherId, 'teacherId');
  const clash = prep(
    sqlite,
    `SELECT g.name FROM timetable_entry t JOIN study_group g ON g.id = t.group_id
       WHERE t.teacher_id = ? AND t.weekday = ? AND t.slot = ? AND t.group_id <> ? AND t.draft = ?
         AND t.valid_from <= ? AND (t.valid_to IS NULL OR t.valid_to >= ?) LIMIT 1`,
  ).get(c.teacherId, c.weekday, c.slot, c.groupId, g.draft, c.from, c.from) as { name: string } | undefined;
  if (clash) throw invalid(`Учитель в это время уже ведёт урок в группе «${clash.name}»: выберите другой урок или учителя`, 'teacherId');
}

/** Inside a mutation: the slot's entry from c.from on; returns the entry id. */
export function applyChange(ctx: Ctx, rec: Recorder, c: SlotChange): number {
  const s = ctx.sqlite;
  const g = groupInfo(s, c.groupId);
  const room = c.room?.trim() ? c.room.trim() : null;
  const at = prep(
    s,
    `SELECT * FROM timetable_entry WHERE group_id = ? AND weekday = ? AND slot = ? AND draft = ?
       AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?) ORDER BY valid_from DESC LIMIT 1`,
  ).get(c.groupId, c.weekday, c.slot, g.draft, c.from, c.from) as EntryRow | undefined;
  let id: number;
  if (at && at.valid_from === c.from) {
    prep(s, 'UPDATE timetable_entry SET subject_id = ?, teacher_id = ?, room = ? WHERE id = ?').run(c.subjectId, c.teacherId, room, at.id);
    id = at.id;
  } else {
    let validTo: string | null;
    if (at) {
      validTo = at.valid_to;
      prep(s, 'UPDATE timetable_entry SET valid_to = ? WHERE id = ?').run(addDays(c.from, -1), at.id);
    } else {
      const next = prep(
        s,
        'SELECT MIN(valid_from) AS d FROM timetable_entry WHERE group_id = ? AND weekday = ? AND slot = ? AND draft = ? AND valid_from > ?',
      ).get(c.groupId, c.weekday, c.slot, g.draft, c.from) as { d: string | null };
      validTo = next.d === null ? null : addDays(next.d, -1);
    }
    id = Number(
      prep(
        s,
        `INSERT INTO timetable_entry (group_id, subject_id, teacher_id, weekday, slot, room, valid_from, valid_to, draft)
           VALUES (?,?,?,?,?,?,?,?,?)`,
      ).run(c.groupId, c.subjectId, c.teacherId, c.weekday, c.slot, room, c.from, validTo, g.draft).lastInsertRowid,
    );
  }
  rec.audit({
    action: 'timetable.entry_set',
    entity: 'timetable_entry',
    entityId: id,
    before: at ? { subjectId: at.subject_id, teacherId: at.teacher_id, room: at.room, validFrom: at.valid_from, validTo: at.valid_to } : null,
    after: { groupId: c.groupId, weekday: c.weekday, slot: c.slot, subjectId: c.subjectId, teacherId: c.teacherId, room, from: c.from },
  });
  return id;
}

/**
 * After a slot changed from a date: the group's stored lessons from that date through the last
 * lesson stored in its year follow it (a never-generated range keeps showing planned slots).
 */
export function followChange(ctx: Ctx, rec: Recorder, groupId: number, from: string) {
  const g = groupInfo(ctx.sqlite, groupId);
  if (g.draft) return null;
  const y = yearOf(ctx.sqlite, g.year_id);
  // Years do not overlap: the date index answers this without reading the rows.
  const last = prep(ctx.sqlite, 'SELECT MAX(date) AS d FROM lesson WHERE date BETWEEN ? AND ?').get(y.starts_on, y.ends_on) as {
    d: string | null;
  };
  if (last.d === null || last.d < from) return null;
  return generateLessons(ctx, rec, { yearId: g.year_id, groupId, from, to: last.d });
}

export function setEntry(ctx: Ctx, input: SlotChange) {
  checkChange(ctx.sqlite, input);
  return mutate(ctx, (rec) => {
    // Re-checked inside the transaction: a teacher may have been given the slot meanwhile.
    checkChange(ctx.sqlite, input);
    const id = applyChange(ctx, rec, input);
    followChange(ctx, rec, input.groupId, input.from);
    return { id };
  });
}

export function removeEntry(ctx: Ctx, input: { groupId: number; weekday: number; slot: number; from: string }) {
  return mutate(ctx, (rec) => {
    const s = ctx.sqlite;
    const g = groupInfo(s, input.groupId);
    yearOf(s, g.year_id);
    const rows = prep(
      s,
      `SELECT * FROM timetable_entry WHERE group_id = ? AND weekday = ? AND slot = ? AND draft = ?
         AND (valid_to IS NULL OR valid_to >= ?)`,
    ).all(input.groupId, input.weekday, input.slot, g.draft, input.from) as EntryRow[];
    if (rows.length === 0) throw new AppError('not_found', 'В этом уроке с этой даты ничего не стоит в расписании');
    for (const r of rows) {
      if (r.valid_from >= input.from) prep(s, 'DELETE FROM timetable_entry WHERE id = ?').run(r.id);
      else prep(s, 'UPDATE timetable_entry SET valid_to = ? WHERE id = ?').run(addDays(input.from, -1), r.id);
      rec.audit({
        action: 'timetable.entry_remove',
        entity: 'timetable_entry',
        entityId: r.id,
        before: { subjectId: r.subject_id, teacherId: r.teacher_id, room: r.room, validFrom: r.valid_from, validTo: r.valid_to },
        after: { from: input.from },
      });
    }
    followChange(ctx, rec, input.groupId, input.from);
    return { removed: rows.length };
  });
}
