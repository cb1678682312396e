// The rollover's writes, all inside the caller's one transaction (mutate): decisions and
// debts, the new year with its terms, its classes with groups (subgroups copied), enrolments
// and memberships, teaching load and timetable copied as drafts, the old year ended and
// archived, one audit record for the rollover and one per pupil's decision.
import type { Sqlite } from '../../../db/client';
import { AppError } from '../../../src-shared/errors';
import type { Ctx } from '../context';
import type { Recorder } from '../mutate';
import { prep } from '../sql';
import type { NewYearCalendar } from './calendar';
import type { Resolved, ResolvedClass } from './plan';
import type { YearRow } from './source';

export interface Council {
  councilNumber: string;
  councilDate: string;
}

interface GroupRow {
  id: number;
  name: string;
  is_whole_class: number;
}

/** A group's name relative to its class ("5А англ. 1 гр." → " англ. 1 гр."); whole class: "". */
function suffixOf(name: string, classKey: string): string {
  return name.startsWith(classKey) ? name.slice(classKey.length) : ` ${name}`;
}

interface NewClassIds {
  classId: number;
  wholeGroupId: number;
  /** Subgroups by their name suffix. */
  subgroups: Map<string, number>;
  groups: number;
  loads: number;
  timetable: number;
}

/** Copies one class into the new year: groups, draft load and draft timetable of its source. */
function createClass(sqlite: Sqlite, year: YearRow, newYearId: number, startsOn: string, c: ResolvedClass): NewClassIds {
  const run = (sql: string, ...p: unknown[]) => prep(sqlite, sql).run(...p);
  const classId = Number(
    run('INSERT INTO class_unit (year_id, grade, letter, class_teacher_id) VALUES (?,?,?,?)', newYearId, c.grade, c.letter, c.classTeacherId)
      .lastInsertRowid,
  );
  const insGroup = (name: string, whole: boolean) =>
    Number(run('INSERT INTO study_group (class_id, name, is_whole_class) VALUES (?,?,?)', classId, name, whole ? 1 : 0).lastInsertRowid);
  const out: NewClassIds = { classId, wholeGroupId: 0, subgroups: new Map(), groups: 0, loads: 0, timetable: 0 };
  if (c.copyFromClassId !== null) {
    const src = prep(sqlite, 'SELECT grade, letter FROM class_unit WHERE id = ?').get(c.copyFromClassId) as { grade: number; letter: string };
    const srcKey = `${src.grade}${src.letter}`;
    const groups = prep(sqlite, 'SELECT id, name, is_whole_class FROM study_group WHERE class_id = ? ORDER BY id').all(c.copyFromClassId) as GroupRow[];
    for (const g of groups) {
      const suffix = g.is_whole_class ? '' : suffixOf(g.name, srcKey);
      const id = insGroup(`${c.key}${suffix}`, g.is_whole_class === 1);
      out.groups++;
      if (g.is_whole_class) out.wholeGroupId ||= id;
      else out.subgroups.set(suffix, id);
      // Loads and timetable in force at the old year's end, as drafts the deputy reviews.
      out.loads += run(
        `INSERT INTO teaching_load (group_id, subject_id, teacher_id, hours_per_week, valid_from, draft)
         SELECT ?, subject_id, teacher_id, hours_per_week, ?, 1 FROM teaching_load
          WHERE group_id = ? AND draft = 0 AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?) ORDER BY id`,
        id, startsOn, g.id, year.ends_on, year.ends_on,
      ).changes;
      out.timetable += run(
        `INSERT INTO timetable_entry (group_id, subject_id, teacher_id, weekday, slot, room, valid_from, draft)
         SELECT ?, subject_id, teacher_id, weekday, slot, room, ?, 1 FROM timetable_entry
          WHERE group_id = ? AND draft = 0 AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?) ORDER BY id`,
        id, startsOn, g.id, year.ends_on, year.ends_on,
      ).changes;
    }
  }
  if (!out.wholeGroupId) {
    out.wholeGroupId = insGroup(c.key, true);
    out.groups++;
  }
  return out;
}

export interface ApplyResult {
  rolloverId: number;
  newYearId: number;
}

export function writeRollover(
  ctx: Ctx,
  rec: Recorder,
  year: YearRow,
  plan: Resolved,
  cal: NewYearCalendar,
  council: Council,
  backupFile: string,
): ApplyResult {
  const { sqlite } = ctx;
  const actor = ctx.actor!;
  const run = (sql: string, ...p: unknown[]) => prep(sqlite, sql).run(...p);
  if (prep(sqlite, 'SELECT 1 FROM school_year WHERE label = ?').get(cal.label))
    throw new AppError('conflict', `Учебный год ${cal.label} уже есть в базе: перевод в него невозможен`);

  const newYearId = Number(
    run("INSERT INTO school_year (label, starts_on, ends_on, status, previous_year_id) VALUES (?,?,?,'open',?)", cal.label, cal.startsOn, cal.endsOn, year.id)
      .lastInsertRowid,
  );
  cal.write(sqlite, newYearId);

  const classes = new Map<string, NewClassIds>();
  for (const c of plan.classes) classes.set(c.key, createClass(sqlite, year, newYearId, cal.startsOn, c));

  // The subgroups each pupil was in at the old year's end, by name suffix.
  const oldSubgroups = new Map<number, string[]>();
  for (const r of prep(
    sqlite,
    `SELECT m.pupil_id, g.name, c.grade, c.letter FROM group_member m JOIN study_group g ON g.id = m.group_id JOIN class_unit c ON c.id = g.class_id
      WHERE c.year_id = @y AND g.is_whole_class = 0 AND m.from_date <= @end AND (m.to_date IS NULL OR m.to_date >= @end)`,
  ).all({ y: year.id, end: year.ends_on }) as { pupil_id: number; name: string; grade: number; letter: string }[]) {
    const list = oldSubgroups.get(r.pupil_id) ?? [];
    list.push(suffixOf(r.name, `${r.grade}${r.letter}`));
    oldSubgroups.set(r.pupil_id, list);
  }

  // The old year ends: enrolments, memberships, loads and timetable still open close on its last day.
  const classesOfOld = 'SELECT id FROM class_unit WHERE year_id = @y';
  const groupsOfOld = `SELECT g.id FROM study_group g WHERE g.class_id IN (${classesOfOld})`;
  const ended = { y: year.id, end: year.ends_on };
  prep(sqlite, `UPDATE enrolment SET to_date = @end WHERE class_id IN (${classesOfOld}) AND (to_date IS NULL OR to_date > @end)`).run(ended);
  prep(sqlite, `UPDATE group_member SET to_date = @end WHERE group_id IN (${groupsOfOld}) AND (to_date IS NULL OR to_date > @end)`).run(ended);
  prep(sqlite, `UPDATE teaching_load SET valid_to = @end WHERE group_id IN (${groupsOfOld}) AND (valid_to IS NULL OR valid_to > @end)`).run(ended);
  prep(sqlite, `UPDATE timetable_entry SET valid_to = @end WHERE group_id IN (${groupsOfOld}) AND (valid_to IS NULL OR valid_to > @end)`).run(ended);

  const insDecision = prep(
    sqlite,
    'INSERT INTO pupil_decision (year_id, pupil_id, from_class_id, to_class_id, decision, council_number, council_date) VALUES (?,?,?,?,?,?,?)',
  );
  const insDebt = prep(sqlite, 'INSERT INTO academic_debt (year_id, pupil_id, subject_id, deadline) VALUES (?,?,?,?)');
  const insEnrol = prep(sqlite, 'INSERT INTO enrolment (pupil_id, class_id, from_date) VALUES (?,?,?)');
  const insMember = prep(sqlite, 'INSERT INTO group_member (pupil_id, group_id, from_date) VALUES (?,?,?)');
  const counts: Record<string, number> = {};
  let debts = 0;
  for (const p of plan.pupils) {
    const target = p.toClass === null ? null : classes.get(p.toClass)!;
    const id = Number(
      insDecision.run(year.id, p.pupil.pupilId, p.pupil.classId, target?.classId ?? null, p.decision, council.councilNumber, council.councilDate)
        .lastInsertRowid,
    );
    for (const d of p.debts) insDebt.run(year.id, p.pupil.pupilId, d.subjectId, d.deadline);
    debts += p.debts.length;
    counts[p.decision] = (counts[p.decision] ?? 0) + 1;
    if (target) {
      insEnrol.run(p.pupil.pupilId, target.classId, cal.startsOn);
      insMember.run(p.pupil.pupilId, target.wholeGroupId, cal.startsOn);
      for (const suffix of oldSubgroups.get(p.pupil.pupilId) ?? []) {
        const g = target.subgroups.get(suffix);
        if (g) insMember.run(p.pupil.pupilId, g, cal.startsOn);
      }
    }
    rec.audit({
      action: 'rollover.decision',
      entity: 'pupil_decision',
      entityId: id,
      after: {
        pupilId: p.pupil.pupilId,
        fromClass: `${p.pupil.grade}${p.pupil.letter}`,
        toClass: p.toClass,
        decision: p.decision,
        debts: p.debts,
        council: council.councilNumber,
        councilDate: council.councilDate,
      },
    });
  }

  run("UPDATE school_year SET status = 'archived' WHERE id = ?", year.id);

  const rolloverId = Number(
    run(
      `INSERT INTO rollover (from_year_id, to_year_id, backup_file, council_number, council_date, applied_at, applied_by, audit_seq)
       VALUES (?,?,?,?,?,?,?,0)`,
      year.id, newYearId, backupFile, council.councilNumber, council.councilDate, ctx.now().toISOString(), actor.staffId,
    ).lastInsertRowid,
  );
  const seq = rec.audit({
    action: 'rollover.apply',
    entity: 'rollover',
    entityId: rolloverId,
    before: { year: year.label },
    after: {
      year: cal.label,
      newYearId,
      backupFile,
      council: council.councilNumber,
      councilDate: council.councilDate,
      decisions: counts,
      debts,
      classes: [...classes.entries()].map(([key, c]) => ({ key, groups: c.groups, loads: c.loads, timetable: c.timetable })),
    },
  });
  run('UPDATE rollover SET audit_seq = ? WHERE id = ?', seq, rolloverId);
  return { rolloverId, newYearId };
}
