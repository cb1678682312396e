// The incremental package: the change feed after the last built package, compacted to the
// latest state of each entity (issue 5). Entities that no longer exist become tombstones;
// enrolments, memberships and grants are diffed against the keys already sent.
import type { AbsenceReason, MarkValue, TermKind } from '../../../src-shared/domain';
import type { PackagePayload } from '../../../src-shared/export/package';
import { cellKey, enrolmentKey, grantKey, lessonKey, membershipKey, personKey, termMarkKey } from '../../../src-shared/export/keys';
import type { Ctx } from '../context';
import { prep } from '../sql';
import { grants, schoolSecret, type YearRef } from './full';
import { pseudonymizer } from './ids';
import { exportedPeople } from './people';
import { exportMasker } from '../privacy/school';
import { CLOSURE_TERM_MARKS, TERM_MARK_CLOSED } from '../closing/export';

type Row = Record<string, unknown>;
type SentEntity = 'enrolment' | 'membership' | 'grant';

/** The keys a package hands to the portal for the three ledger entities, with their pupil. */
export interface SentKeys {
  entity: SentEntity;
  key: string;
  personId: number | null;
}

export function incrementalPayload(
  ctx: Ctx,
  year: YearRef,
  today: string,
  feedFrom: number,
  feedTo: number,
): { payload: PackagePayload; ledger: { replacePupils: number[]; keys: SentKeys[] }; masked: number } {
  const q = (sql: string, ...p: unknown[]) => prep(ctx.sqlite, sql).all(...p) as Row[];
  const one = (sql: string, ...p: unknown[]) => prep(ctx.sqlite, sql).get(...p) as Row | undefined;
  const ref = pseudonymizer(schoolSecret(ctx.sqlite).secret);
  const mask = exportMasker(ctx.sqlite);
  const Y = year.id;

  // Latest op per entity in the range, and the pupils whose class or group lists changed.
  const changed = new Map<string, { entity: string; id: string; op: string }>();
  const touchedPupils = new Set<number>();
  for (const f of q(
    'SELECT entity, entity_id, feed_op AS op, before, after FROM audit_event WHERE seq > ? AND seq <= ? AND feed_op IS NOT NULL ORDER BY seq',
    feedFrom,
    feedTo,
  )) {
    changed.set(`${f.entity}|${f.entity_id}`, { entity: f.entity as string, id: f.entity_id as string, op: f.op as string });
    if (f.entity === 'enrolment' || f.entity === 'group_member' || f.entity === 'person') {
      const pupil = (JSON.parse((f.after as string) ?? (f.before as string) ?? '{}') as { pupilId?: number }).pupilId;
      if (pupil) touchedPupils.add(pupil);
      if (f.entity !== 'person') {
        const live = one(
          `SELECT pupil_id FROM ${f.entity === 'enrolment' ? 'enrolment' : 'group_member'} WHERE id = ?`,
          Number(f.entity_id),
        );
        if (live) touchedPupils.add(live.pupil_id as number);
      } else touchedPupils.add(Number(f.entity_id));
    }
  }

  const payload: PackagePayload = {
    // Small and rarely changed: always sent whole, so a new class or group needs no feed.
    classes: q('SELECT id, grade, letter FROM class_unit WHERE year_id = ? ORDER BY id', Y).map((r) => ({
      id: r.id as number,
      grade: r.grade as number,
      letter: r.letter as string,
    })),
    groups: q(
      'SELECT g.id, g.class_id, g.name, g.is_whole_class FROM study_group g JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ? ORDER BY g.id',
      Y,
    ).map((r) => ({ id: r.id as number, classId: r.class_id as number, name: r.name as string, wholeClass: r.is_whole_class === 1 })),
    subjects: q('SELECT id, name FROM subject ORDER BY id').map((r) => ({ id: r.id as number, name: r.name as string })),
    people: [],
    enrolments: [],
    memberships: [],
    lessons: [],
    cells: [],
    termMarks: [],
    grants: [],
    tombstones: [],
  };

  const staff = new Map(q('SELECT id, person_id FROM staff_user').map((r) => [r.id as number, r.person_id as number] as const));
  const staffPerson = (staffId: unknown) => (staffId === null ? null : (staff.get(staffId as number) ?? null));
  // A school day changes thousands of cells: their marks and absences are read lesson by
  // lesson in two set-based queries, not two queries per cell.
  const cellLessons = JSON.stringify([
    ...new Set([...changed.values()].filter((c) => c.entity === 'cell').map((c) => Number(c.id.split(':')[0]))),
  ]);
  const cellMarks = new Map<string, PackagePayload['cells'][number]['marks']>();
  for (const m of q(
    `SELECT m.lesson_id, m.pupil_id, m.value, w.name AS work_type, m.weight FROM mark m JOIN work_type w ON w.id = m.work_type_id
     WHERE m.lesson_id IN (SELECT value FROM json_each(?)) ORDER BY m.lesson_id, m.pupil_id, m.position`,
    cellLessons,
  )) {
    const key = `${m.lesson_id as number}:${m.pupil_id as number}`;
    const list = cellMarks.get(key) ?? [];
    list.push({ value: m.value as MarkValue, workType: m.work_type as string, weight: m.weight as number });
    cellMarks.set(key, list);
  }
  const cellAbsence = new Map<string, AbsenceReason>(
    q('SELECT lesson_id, pupil_id, reason FROM absence WHERE lesson_id IN (SELECT value FROM json_each(?))', cellLessons).map(
      (a) => [`${a.lesson_id as number}:${a.pupil_id as number}`, a.reason as AbsenceReason] as const,
    ),
  );
  const lessonIds = new Set<number>();
  const touchedPeople = new Set<number>();
  // Once per mark: a mark changed and its term closed in the same range is sent once.
  const sentTermMarks = new Set<string>();
  const sendTermMark = (pupilId: number, groupId: number, subjectId: number, termId: number) => {
    if (sentTermMarks.has(`${pupilId}:${groupId}:${subjectId}:${termId}`)) return;
    sentTermMarks.add(`${pupilId}:${groupId}:${subjectId}:${termId}`);
    const t = one('SELECT kind, number FROM term WHERE id = ?', termId) as { kind: TermKind; number: number } | undefined;
    if (!t) return;
    const tm = { pupil: ref(pupilId), groupId, subjectId, term: { kind: t.kind, number: t.number } };
    const v = one(
      `SELECT tm.value, ${TERM_MARK_CLOSED} AS closed FROM term_mark tm JOIN term t ON t.id = tm.term_id
         WHERE tm.pupil_id = ? AND tm.group_id = ? AND tm.subject_id = ? AND tm.term_id = ?`,
      pupilId,
      groupId,
      subjectId,
      termId,
    );
    if (v) payload.termMarks.push({ ...tm, value: v.value as string, closed: v.closed === 1 });
    else payload.tombstones.push({ entity: 'termMark', key: termMarkKey(tm) });
  };
  for (const c of changed.values()) {
    if (c.entity === 'lesson') lessonIds.add(Number(c.id));
    if (c.entity === 'cell') {
      const [lessonId, pupilId] = c.id.split(':').map(Number) as [number, number];
      const marks = cellMarks.get(c.id) ?? [];
      const absence = cellAbsence.get(c.id) ?? null;
      const cell = { lessonId, pupil: ref(pupilId) };
      // The lesson goes with its cells: a generated lesson of a coming day was never sent
      // (full.ts) and the portal must know the lesson a mark belongs to.
      lessonIds.add(lessonId);
      if (marks.length || absence) payload.cells.push({ ...cell, marks, absence });
      else payload.tombstones.push({ entity: 'cell', key: cellKey(cell) });
    }
    if (c.entity === 'term_mark') {
      const [pupilId, groupId, subjectId, termId] = c.id.split(':').map(Number) as [number, number, number, number];
      sendTermMark(pupilId, groupId, subjectId, termId);
    }
    // A term closed for a class: its marks of the term are sent again, now closed.
    if (c.entity === 'term_closure') {
      const [termId, classId] = c.id.split(':').map(Number) as [number, number];
      for (const m of q(CLOSURE_TERM_MARKS, termId, classId))
        sendTermMark(m.pupil_id as number, m.group_id as number, m.subject_id as number, m.term_id as number);
    }
    if (c.entity === 'person') touchedPeople.add(Number(c.id));
    if (c.entity === 'staff_user') {
      const personId = staffPerson(Number(c.id));
      if (personId !== null) touchedPeople.add(personId);
    }
  }
  // People: the same rule as the full package (people.ts) for everyone whose record, account,
  // application or class list changed; whoever the rule no longer selects (a disabled
  // teacher, a pupil whose enrolment was removed, a guardian whose application was withdrawn)
  // is removed from the portal, as the next full package would remove them.
  for (const pupilId of touchedPupils) touchedPeople.add(pupilId);
  const stillThere = new Set<number>();
  for (const p of exportedPeople(ctx.sqlite, Y, [...touchedPeople])) {
    stillThere.add(p.id);
    payload.people.push({ ref: ref(p.id), kind: p.kind, uid: p.uid ?? null });
  }
  for (const personId of touchedPeople)
    if (!stillThere.has(personId)) payload.tombstones.push({ entity: 'person', key: personKey({ ref: ref(personId) }) });
  const ids = JSON.stringify([...lessonIds]);
  const lessonRows = new Map(
    q(
      `SELECT id, group_id, subject_id, date, slot, held, topic, homework, actual_teacher_id FROM lesson
       WHERE id IN (SELECT value FROM json_each(?)) AND cancelled = 0`,
      ids,
    ).map((l) => [l.id as number, l] as const),
  );
  const files = new Map<number, PackagePayload['lessons'][number]['files']>();
  for (const f of q(
    'SELECT lesson_id, name, mime, size, sha256 FROM lesson_file WHERE lesson_id IN (SELECT value FROM json_each(?)) ORDER BY id',
    ids,
  )) {
    const list = files.get(f.lesson_id as number) ?? [];
    list.push({ name: mask.text(f.name as string), mime: f.mime as string, size: f.size as number, sha256: f.sha256 as string });
    files.set(f.lesson_id as number, list);
  }
  for (const id of lessonIds) {
    const l = lessonRows.get(id);
    if (!l) {
      payload.tombstones.push({ entity: 'lesson', key: lessonKey({ id }) });
      continue;
    }
    const teacher = staffPerson(l.actual_teacher_id);
    payload.lessons.push({
      id,
      groupId: l.group_id as number,
      subjectId: l.subject_id as number,
      date: l.date as string,
      slot: l.slot as number,
      held: l.held === 1,
      topic: mask.nullable(l.topic as string | null),
      homework: mask.nullable(l.homework as string | null),
      teacher: teacher === null ? null : ref(teacher),
      files: files.get(id) ?? [],
    });
  }

  // Enrolments and memberships of touched pupils: sent whole, and keys sent before but gone now
  // become tombstones.
  const keys: SentKeys[] = [];
  for (const pupilId of touchedPupils) {
    const pupil = ref(pupilId);
    const enrol = q(
      'SELECT e.class_id, e.from_date, e.to_date FROM enrolment e JOIN class_unit c ON c.id = e.class_id WHERE e.pupil_id = ? AND c.year_id = ?',
      pupilId,
      Y,
    ).map((r) => ({ pupil, classId: r.class_id as number, from: r.from_date as string, to: (r.to_date as string) ?? null }));
    const member = q(
      `SELECT m.group_id, m.from_date, m.to_date FROM group_member m JOIN study_group g ON g.id = m.group_id JOIN class_unit c ON c.id = g.class_id
       WHERE m.pupil_id = ? AND c.year_id = ?`,
      pupilId,
      Y,
    ).map((r) => ({ pupil, groupId: r.group_id as number, from: r.from_date as string, to: (r.to_date as string) ?? null }));
    payload.enrolments.push(...enrol);
    payload.memberships.push(...member);
    const now = new Set([...enrol.map((e) => `enrolment|${enrolmentKey(e)}`), ...member.map((m) => `membership|${membershipKey(m)}`)]);
    for (const s of q("SELECT entity, key FROM export_sent_key WHERE person_id = ? AND entity IN ('enrolment', 'membership')", pupilId))
      if (!now.has(`${s.entity}|${s.key}`))
        payload.tombstones.push({ entity: s.entity as 'enrolment' | 'membership', key: s.key as string });
    keys.push(
      ...enrol.map((e) => ({ entity: 'enrolment' as const, key: enrolmentKey(e), personId: pupilId })),
      ...member.map((m) => ({ entity: 'membership' as const, key: membershipKey(m), personId: pupilId })),
    );
  }

  // Grants are few: recomputed each time and diffed against what the portal was given.
  const g = grants(ctx.sqlite, Y, today, ref);
  const sentGrants = new Set(q("SELECT key FROM export_sent_key WHERE entity = 'grant'").map((r) => r.key as string));
  const nowGrants = new Set(g.map(grantKey));
  payload.grants = g.filter((x) => !sentGrants.has(grantKey(x)));
  for (const k of sentGrants) if (!nowGrants.has(k)) payload.tombstones.push({ entity: 'grant', key: k });
  keys.push(...[...nowGrants].map((key) => ({ entity: 'grant' as const, key, personId: null })));

  return { payload, ledger: { replacePupils: [...touchedPupils], keys }, masked: mask.masked };
}
