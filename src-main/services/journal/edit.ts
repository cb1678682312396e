// Writing the journal: one cell (marks + absence), lesson details, term marks. Each edit is
// checked against scope and the journal rules, then written in one audited transaction.
import { absenceAllowsMarks } from '../../../src-shared/journal/cell';
import { schoolDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import type { AbsenceReason, MarkValue } from '../../../src-shared/domain';
import type { CellView, LessonSlot, LessonView } from '../../../src-shared/rpc/journal';
import { requireActor, type Ctx } from '../context';
import { mutate, type Recorder } from '../mutate';
import { suggestMarks } from '../closing/suggest';
import { canEditLesson, isMember, journalAccess, termsFor } from './access';
import { assertTermMarkWritable, assertWritable } from './writable';
import { ensureLessonRow, lessonById, resolveLesson, substituteName, toLessonView, type ResolvedLesson } from './lessons';
import { prep } from '../sql';
import { schoolNameIndex } from '../privacy/school';
import type { SharedLesson } from '../../../src-shared/rpc/events';
import { bumpCellVersion, lastEditor, nextTermMarkVersion, staleEdit } from './versions';
import { absenceAt, lessonOfColumn } from '../columns/rows';
import { marksToRetype, retypeRefusal } from '../columns/retype';

const invalid = (message: string, field?: string) => new AppError('validation', message, field ? [{ path: [field], message }] : undefined);

/**
 * Scope, year and term lock: what every edit of one lesson checks first. pupilId names the cell
 * edited (a reopened cell is writable in a closed term); without it the lesson's own fields.
 */
export function lessonForEdit(ctx: Ctx, ref: LessonSlot, pupilId?: number): ResolvedLesson {
  const actor = requireActor(ctx);
  const l = resolveLesson(ctx, ref);
  if (!canEditLesson(ctx, actor, l)) throw new AppError('forbidden', 'Вы не ведёте этот урок: журнал доступен только для чтения');
  assertWritable(ctx, { groupId: l.groupId, subjectId: l.subjectId, date: l.date, lessonId: l.row?.id ?? null, pupilId: pupilId ?? null });
  return l;
}

/** A mark (reason null) or the absence (position -1, the rest null) of one cell. */
type CellRow = {
  position: number;
  value: MarkValue | null;
  work_type_id: number | null;
  weight: number | null;
  reason: AbsenceReason | null;
};

/** A cell's marks and absence as stored (its version comes from the write's own version bump). */
export function readCell(ctx: Ctx, lessonId: number, pupilId: number): Omit<CellView, 'version'> {
  // One statement for marks and absence: it runs inside every cell edit's transaction.
  const rows = prep(
    ctx.sqlite,
    `SELECT position, value, work_type_id, weight, NULL AS reason FROM mark WHERE lesson_id = ? AND pupil_id = ?
     UNION ALL SELECT -1, NULL, NULL, NULL, reason FROM absence WHERE lesson_id = ? AND pupil_id = ?
     ORDER BY 1`,
  ).all(lessonId, pupilId, lessonId, pupilId) as CellRow[];
  let absence: AbsenceReason | null = null;
  const marks: CellView['marks'] = [];
  for (const r of rows) {
    if (r.reason !== null) absence = r.reason;
    else marks.push({ value: r.value!, workTypeId: r.work_type_id!, weight: r.weight! });
  }
  return { lessonId, pupilId, marks, absence };
}

/**
 * Rewrites a cell's marks in place: existing positions are updated, extra ones inserted,
 * surplus ones deleted. Changing "4" to "5" then touches one table page and no index pages,
 * which is what every synced commit pays for (synchronous=FULL).
 */
function writeMarks(
  ctx: Ctx,
  lessonId: number,
  pupilId: number,
  had: number,
  marks: { value: MarkValue; workTypeId: number; weight: number }[],
) {
  const upd = prep(
    ctx.sqlite,
    'UPDATE mark SET value = ?, work_type_id = ?, weight = ? WHERE lesson_id = ? AND pupil_id = ? AND position = ?',
  );
  const ins = prep(ctx.sqlite, 'INSERT INTO mark (lesson_id, pupil_id, position, value, work_type_id, weight) VALUES (?,?,?,?,?,?)');
  marks.forEach((m, i) =>
    i < had
      ? upd.run(m.value, m.workTypeId, m.weight, lessonId, pupilId, i)
      : ins.run(lessonId, pupilId, i, m.value, m.workTypeId, m.weight),
  );
  if (had > marks.length)
    prep(ctx.sqlite, 'DELETE FROM mark WHERE lesson_id = ? AND pupil_id = ? AND position >= ?').run(lessonId, pupilId, marks.length);
}

type CellInput = {
  lesson: LessonSlot;
  pupilId: number;
  marks: { value: MarkValue; workTypeId: number }[];
  absence: AbsenceReason | null;
  version?: number | undefined;
};
type CheckedCell = { l: ResolvedLesson; weights: Map<number, number>; input: CellInput };

/** Every rule a cell edit must pass, before anything is written. */
function checkCell(ctx: Ctx, input: CellInput): CheckedCell {
  const l = lessonForEdit(ctx, input.lesson, input.pupilId);
  const today = schoolDate(ctx.now());
  if (l.date > today) throw invalid('Нельзя ставить отметки и пропуски на будущие уроки');
  if (!isMember(ctx, input.pupilId, l.groupId, l.date)) throw invalid('Ученик не числится в этой группе на дату урока', 'pupilId');
  // A column follows its lesson: held flag and the pupil's absence are the lesson's (part 0).
  const lesson = l.part > 0 ? lessonOfColumn(ctx, l.row!) : l.row;
  if (lesson && lesson.held === 0 && (input.marks.length || input.absence))
    throw invalid('Урок отмечен как не проведённый: отметки и пропуски не ставятся');
  if (l.part > 0 && input.absence !== null)
    throw invalid('Пропуск отмечается в колонке самого урока, а не в колонке контрольной работы', 'absence');
  const absence = l.part > 0 ? absenceAt(ctx, lesson!.id, input.pupilId) : input.absence;
  // Only the work types the marks use (usually one), not the whole table each save.
  const typeOf = prep(ctx.sqlite, 'SELECT weight, is_make_up FROM work_type WHERE id = ?');
  const types = input.marks.map((m) => typeOf.get(m.workTypeId) as { weight: number; is_make_up: number } | undefined);
  if (types.some((w) => !w)) throw invalid('Нет такого вида работы', 'marks');
  if (!absenceAllowsMarks(absence) && types.some((w) => w!.is_make_up !== 1))
    throw invalid('Ученик отсутствовал: отметка ставится только с видом работы «Отработка»', 'marks');
  // A lesson or column with its own weight gives it to the marks of its own work type.
  const own = l.row?.weight ?? null;
  const weightOf = (id: number, i: number) => (own !== null && id === l.row!.work_type_id ? own : types[i]!.weight);
  return { l, weights: new Map(input.marks.map((m, i) => [m.workTypeId, weightOf(m.workTypeId, i)])), input };
}

/** Inside a mutation: writes one checked cell with its audit and feed record. */
function writeCell(ctx: Ctx, rec: Recorder, { l, weights, input }: CheckedCell): { lessonId: number; cell: CellView } {
  const lesson = ensureLessonRow(ctx, rec, l);
  const before = readCell(ctx, lesson.id, input.pupilId);
  const version = bumpCellVersion(ctx, lesson.id, input.pupilId);
  // Stale: thrown inside the mutation, so its savepoint takes the bump (and a new lesson row) back.
  if (input.version !== undefined && version !== input.version + 1)
    throw staleEdit('cell', lastEditor(ctx, 'cell', `${lesson.id}:${input.pupilId}`), { ...before, version: version - 1 });
  const marks = input.marks.map((m) => ({ value: m.value, workTypeId: m.workTypeId, weight: weights.get(m.workTypeId)! }));
  writeMarks(ctx, lesson.id, input.pupilId, before.marks.length, marks);
  if (input.absence !== before.absence) {
    if (before.absence !== null) prep(ctx.sqlite, 'DELETE FROM absence WHERE lesson_id = ? AND pupil_id = ?').run(lesson.id, input.pupilId);
    if (input.absence !== null)
      prep(ctx.sqlite, 'INSERT INTO absence (lesson_id, pupil_id, reason) VALUES (?,?,?)').run(lesson.id, input.pupilId, input.absence);
  }
  // What was just written, without reading it back.
  const after: CellView = { lessonId: lesson.id, pupilId: input.pupilId, marks, absence: input.absence, version };
  const strip = (c: Omit<CellView, 'version'>) => ({
    marks: c.marks.map((m) => ({ value: m.value, workTypeId: m.workTypeId })),
    absence: c.absence,
  });
  rec.audit({
    action: 'journal.cell',
    entity: 'cell',
    entityId: `${lesson.id}:${input.pupilId}`,
    before: strip(before),
    after: strip(after),
    feed: after.marks.length || after.absence ? 'upsert' : 'delete',
  });
  ctx.events?.record({ type: 'cell', groupId: l.groupId, subjectId: l.subjectId, cell: after, byStaffId: requireActor(ctx).staffId });
  return { lessonId: lesson.id, cell: after };
}

export function setCell(ctx: Ctx, input: CellInput): { lessonId: number; cell: CellView } {
  // Checked inside the write transaction: the checks see exactly the state the edit is written
  // over, and the dozen reads share its one lock instead of each taking the WAL read lock anew
  // (a measurable part of every mark save). A refusal throws, so nothing is written.
  return mutate(ctx, (rec) => writeCell(ctx, rec, checkCell(ctx, input)));
}

/**
 * Several cells at once (a column pasted from a spreadsheet): all pass and are written in one
 * transaction, or none is; a refusal names the edit that failed.
 */
export function setCells(ctx: Ctx, input: { edits: CellInput[] }): { cells: { lessonId: number; cell: CellView }[] } {
  // All checked before any is written, inside the one transaction (as setCell).
  return mutate(ctx, (rec) => {
    const numbered = <T>(i: number, fn: () => T): T => {
      try {
        return fn();
      } catch (err) {
        if (err instanceof AppError)
          throw new AppError(err.code, `Строка ${i + 1}: ${err.message}`, [{ path: ['edits', i], message: err.message }], err.current);
        throw err;
      }
    };
    const checked = input.edits.map((e, i) => numbered(i, () => checkCell(ctx, e)));
    return { cells: checked.map((c, i) => numbered(i, () => writeCell(ctx, rec, c))) };
  });
}

export function lessonView(ctx: Ctx, id: number): LessonView {
  const r = lessonById(ctx, id)!;
  const files = prep(ctx.sqlite, 'SELECT id, name, mime, size FROM lesson_file WHERE lesson_id = ? ORDER BY id').all(id) as {
    id: number;
    name: string;
    mime: string;
    size: number;
  }[];
  return toLessonView(
    r,
    files,
    canEditLesson(ctx, requireActor(ctx), {
      groupId: r.group_id,
      subjectId: r.subject_id,
      date: r.date,
      actualTeacherId: r.actual_teacher_id,
    }),
    substituteName(ctx, r),
    schoolNameIndex(ctx.sqlite),
  );
}

export function setLesson(
  ctx: Ctx,
  input: {
    lesson: LessonSlot;
    topic?: string | null | undefined;
    homework?: string | null | undefined;
    noHomework?: boolean | undefined;
    held?: boolean | undefined;
    workTypeId?: number | null | undefined;
    actualTeacherId?: number | undefined;
    version?: number | undefined;
  },
): LessonView {
  const l = lessonForEdit(ctx, input.lesson);
  if (
    l.part > 0 &&
    (input.topic !== undefined ||
      input.homework !== undefined ||
      input.noHomework !== undefined ||
      input.held !== undefined ||
      input.actualTeacherId !== undefined)
  )
    throw invalid('Тема, задание, проведение и замена задаются для самого урока, а не для колонки контрольной работы', 'lesson');
  const today = schoolDate(ctx.now());
  if (input.held !== undefined && l.date > today) throw invalid('Урок ещё не прошёл: отметку о проведении ставят в день урока', 'held');
  if (input.held === false && l.row) {
    // The lesson's columns count too: their marks were given at this lesson.
    const n = prep(
      ctx.sqlite,
      `SELECT (SELECT COUNT(*) FROM mark WHERE lesson_id IN (SELECT c.id FROM lesson c WHERE c.group_id = ? AND c.subject_id = ? AND c.date = ? AND c.slot = ?))
         + (SELECT COUNT(*) FROM absence WHERE lesson_id = ?) AS n`,
    ).get(l.groupId, l.subjectId, l.date, l.slot, l.row.id) as { n: number };
    if (n.n > 0) throw invalid('На уроке есть отметки или пропуски: сначала удалите их', 'held');
  }
  if (
    input.workTypeId !== undefined &&
    input.workTypeId !== null &&
    !prep(ctx.sqlite, 'SELECT 1 FROM work_type WHERE id = ?').get(input.workTypeId)
  )
    throw invalid('Нет такого вида работы', 'workTypeId');
  if (input.actualTeacherId !== undefined) {
    const ok = prep(
      ctx.sqlite,
      `SELECT 1 FROM staff_user u WHERE u.id = ? AND u.disabled = 0
         AND EXISTS (SELECT 1 FROM staff_role r WHERE r.staff_id = u.id AND r.role IN ('teacher','classTeacher'))`,
    ).get(input.actualTeacherId);
    if (!ok) throw invalid('Выберите учителя из списка сотрудников', 'actualTeacherId');
  }
  const clean = (t: string | null | undefined) => (t === undefined ? undefined : t === null || t.trim() === '' ? null : t.trim());
  const change: Record<string, unknown> = {};
  if (input.topic !== undefined) change.topic = clean(input.topic);
  if (input.homework !== undefined) change.homework = clean(input.homework);
  if (input.noHomework !== undefined) change.noHomework = input.noHomework;
  // Homework written in this very edit means the lesson has homework: the flag goes with it.
  else if (typeof change.homework === 'string') change.noHomework = false;
  if (input.held !== undefined) change.held = input.held;
  if (input.workTypeId !== undefined) change.workTypeId = input.workTypeId;
  if (input.actualTeacherId !== undefined) change.actualTeacherId = input.actualTeacherId;

  return mutate(ctx, (rec) => {
    const row = ensureLessonRow(ctx, rec, l);
    if (input.version !== undefined && row.version !== input.version)
      throw staleEdit('lesson', lastEditor(ctx, 'lesson', row.id), lessonView(ctx, row.id));
    // Marks already entered with the old type are never left behind silently: the caller asks
    // the teacher and uses journal.changeWorkType (re-checked here, inside the transaction).
    if (input.workTypeId !== undefined && input.workTypeId !== row.work_type_id) {
      const n = marksToRetype(ctx, row, input.workTypeId).length;
      if (n > 0) throw retypeRefusal(n);
    }
    const before = {
      topic: row.topic,
      homework: row.homework,
      noHomework: row.no_homework === 1,
      held: row.held === 1,
      workTypeId: row.work_type_id,
      actualTeacherId: row.actual_teacher_id,
    };
    const after = { ...before, ...change };
    // Checked against the stored text too (read in this transaction): the flag set on a lesson
    // whose homework another edit wrote meanwhile would say «no homework» next to homework.
    if (input.noHomework === true && after.homework !== null)
      throw invalid('У урока есть домашнее задание: очистите его, чтобы отметить «без домашнего задания»', 'noHomework');
    prep(
      ctx.sqlite,
      'UPDATE lesson SET topic = ?, homework = ?, no_homework = ?, held = ?, work_type_id = ?, actual_teacher_id = ?, version = version + 1 WHERE id = ?',
    ).run(after.topic, after.homework, after.noHomework ? 1 : 0, after.held ? 1 : 0, after.workTypeId, after.actualTeacherId, row.id);
    const substitution = after.actualTeacherId !== row.planned_teacher_id;
    // The flag is the school's own bookkeeping (the portal has no such field): an edit of it
    // alone leaves no feed mark, so the exporter does not resend an unchanged lesson.
    const onlyFlag = Object.keys(change).length === 1 && 'noHomework' in change;
    rec.audit({
      action:
        input.actualTeacherId !== undefined && input.actualTeacherId !== before.actualTeacherId ? 'journal.substitution' : 'journal.lesson',
      entity: 'lesson',
      entityId: row.id,
      before,
      after: { ...after, substitution },
      ...(onlyFlag ? {} : { feed: 'upsert' as const }),
    });
    const saved = lessonView(ctx, row.id);
    recordLesson(ctx, l, saved);
    return saved;
  });
}

/** Inside a lesson's write: announces it as everyone sees it (`editable` is each reader's own). */
export function recordLesson(ctx: Ctx, ref: { groupId: number; subjectId: number }, view: LessonView): void {
  if (!ctx.events) return;
  const { editable: _, ...lesson } = view;
  const shared: SharedLesson = lesson;
  ctx.events.record({
    type: 'lesson',
    groupId: ref.groupId,
    subjectId: ref.subjectId,
    lesson: shared,
    byStaffId: requireActor(ctx).staffId,
  });
}

export function setTermMark(
  ctx: Ctx,
  input: { groupId: number; subjectId: number; termId: number; pupilId: number; value: string | null; version?: number | undefined },
) {
  const actor = requireActor(ctx);
  const term = termsFor(ctx, input.groupId).find((t) => t.id === input.termId);
  if (!term) throw new AppError('not_found', 'Нет такого учебного периода для этого класса');
  if (journalAccess(ctx, actor, input.groupId, input.subjectId, term.starts_on, term.ends_on) !== 'write')
    throw new AppError('forbidden', 'Итоговые отметки ставит учитель, ведущий предмет');
  assertTermMarkWritable(ctx, { groupId: input.groupId, subjectId: input.subjectId, termId: term.id, pupilId: input.pupilId });
  const member = prep(
    ctx.sqlite,
    'SELECT 1 FROM group_member WHERE pupil_id = ? AND group_id = ? AND from_date <= ? AND (to_date IS NULL OR to_date >= ?) LIMIT 1',
  ).get(input.pupilId, input.groupId, term.ends_on, term.starts_on);
  if (!member) throw invalid('Ученик не числится в группе в этом периоде', 'pupilId');
  // The period from its lesson marks, the year by the school's rule, the final from year + exam.
  const suggested =
    suggestMarks(ctx, { groupId: input.groupId, subjectId: input.subjectId, term }, [input.pupilId]).get(input.pupilId) ?? null;
  const key = `${input.pupilId}:${input.groupId}:${input.subjectId}:${input.termId}`;
  return mutate(ctx, (rec) => {
    const before = prep(
      ctx.sqlite,
      'SELECT value, suggested, confirmed_at, version FROM term_mark WHERE pupil_id = ? AND group_id = ? AND subject_id = ? AND term_id = ?',
    ).get(input.pupilId, input.groupId, input.subjectId, input.termId) as
      { value: string; suggested: string | null; confirmed_at: string | null; version: number } | undefined;
    // A removed mark has no row: its edits name version 0.
    if (input.version !== undefined && (before?.version ?? 0) !== input.version) {
      const current = before
        ? {
            pupilId: input.pupilId,
            value: before.value,
            suggested: before.suggested,
            confirmedAt: before.confirmed_at,
            version: before.version,
          }
        : null;
      throw staleEdit('termMark', lastEditor(ctx, 'term_mark', key), current);
    }
    const version = nextTermMarkVersion(ctx, key);
    const at = ctx.now().toISOString();
    if (input.value === null) {
      prep(ctx.sqlite, 'DELETE FROM term_mark WHERE pupil_id = ? AND group_id = ? AND subject_id = ? AND term_id = ?').run(
        input.pupilId,
        input.groupId,
        input.subjectId,
        input.termId,
      );
    } else {
      prep(
        ctx.sqlite,
        `INSERT INTO term_mark (pupil_id, group_id, subject_id, term_id, value, suggested, confirmed_by, confirmed_at, version)
           VALUES (?,?,?,?,?,?,?,?,?)
           ON CONFLICT (pupil_id, group_id, subject_id, term_id) DO UPDATE SET value = excluded.value, suggested = excluded.suggested,
             confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at, version = excluded.version`,
      ).run(input.pupilId, input.groupId, input.subjectId, input.termId, input.value, suggested, actor.staffId, at, version);
    }
    rec.audit({
      action: 'journal.term_mark',
      entity: 'term_mark',
      entityId: key,
      before: before ? { value: before.value, suggested: before.suggested } : null,
      after: input.value === null ? null : { value: input.value, suggested, override: suggested !== null && suggested !== input.value },
      feed: input.value === null ? 'delete' : 'upsert',
    });
    const termMark = input.value === null ? null : { pupilId: input.pupilId, value: input.value, suggested, confirmedAt: at, version };
    ctx.events?.record({
      type: 'termMark',
      groupId: input.groupId,
      subjectId: input.subjectId,
      termId: input.termId,
      pupilId: input.pupilId,
      termMark,
      version,
      byStaffId: actor.staffId,
    });
    return { termMark, version };
  });
}
