// Remarks and their state machine: draft (before the check is issued) → open → acknowledged
// (teacher) → fixed (teacher's word, or the re-check found it gone) → verified (deputy); open or
// acknowledged past the deadline and not fixed → overdue; fixed/overdue → open again (deputy).
// Every change is one audited transaction guarded by the remark's version; the row is read
// inside the transaction, so nothing checked can change before the write.
import { addDays, schoolDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import type { RemarkState, RemarkView } from '../../../src-shared/rpc/check';
import { requireActor, type Actor, type Ctx } from '../context';
import { mutate, type Recorder } from '../mutate';
import { loadSettings } from '../school/settings';
import { prep } from '../sql';
import { assertRemark, assertYearOpen, checkRow, remarkRow, remarkViews, type FindingRow, type RemarkRow } from './store';

const invalid = (message: string, path: (string | number)[]) => new AppError('validation', message, [{ path, message }]);

/** The deadline given, or today + the school's remark days; never before today. */
function deadlineOf(ctx: Ctx, given: string | undefined): string {
  const today = schoolDate(ctx.now());
  if (given === undefined) return addDays(today, loadSettings(ctx).check.remarkDays);
  if (given < today) throw invalid(`Срок не может быть раньше сегодняшнего дня (${today}): выберите более позднюю дату`, ['deadline']);
  return given;
}

interface NewRemark {
  checkId: number;
  findingId: number | null;
  rule: string | null;
  findingKey: string | null;
  teacherId: number;
  groupId: number | null;
  subjectId: number | null;
  lessonId: number | null;
  pupilId: number | null;
  text: string;
  deadline: string;
}

function insertRemark(ctx: Ctx, rec: Recorder, actor: Actor, state: 'draft' | 'open', r: NewRemark): number {
  const at = ctx.now().toISOString();
  const id = Number(
    prep(
      ctx.sqlite,
      `INSERT INTO remark (check_id, finding_id, rule, finding_key, teacher_id, group_id, subject_id, lesson_id, pupil_id, text, deadline,
         state, created_by, created_at, state_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    ).run(r.checkId, r.findingId, r.rule, r.findingKey, r.teacherId, r.groupId, r.subjectId, r.lessonId, r.pupilId, r.text, r.deadline, state, actor.staffId, at, at)
      .lastInsertRowid,
  );
  rec.audit({ action: 'remark.create', entity: 'remark', entityId: id, after: { ...r, state } });
  return id;
}

export function fromFindings(ctx: Ctx, input: { findingIds: number[]; deadline?: string | undefined }): { remarkIds: number[] } {
  const actor = requireActor(ctx);
  const deadline = deadlineOf(ctx, input.deadline);
  const ids = [...new Set(input.findingIds)];
  return mutate(ctx, (rec) => {
    const get = prep(ctx.sqlite, 'SELECT * FROM check_finding WHERE id = ?');
    // By check first: remark has no finding_id index, remark_check narrows the lookup.
    const taken = prep(ctx.sqlite, 'SELECT 1 FROM remark WHERE check_id = ? AND finding_id = ? LIMIT 1');
    const findings = ids.map((id, i) => {
      const f = get.get(id) as FindingRow | undefined;
      if (!f) throw invalid('Нет такой находки: обновите проверку', ['findingIds', i]);
      if (f.dismissed_reason !== null) throw invalid(`Находка отклонена («${f.dismissed_reason}»): верните её, чтобы сделать замечание`, ['findingIds', i]);
      if (f.teacher_id === null) throw invalid('У находки нет ответственного учителя: напишите замечание сами и выберите учителя', ['findingIds', i]);
      if (taken.get(f.check_id, f.id)) throw new AppError('conflict', 'Из части выбранных находок замечания уже сделаны: снимите их с выбора');
      return f;
    });
    const checks = new Map<number, 'draft' | 'open'>();
    const remarkIds = findings.map((f) => {
      let state = checks.get(f.check_id);
      if (!state) {
        const c = checkRow(ctx, f.check_id);
        assertYearOpen(ctx, c.year_id);
        checks.set(f.check_id, (state = c.status === 'issued' ? 'open' : 'draft'));
      }
      return insertRemark(ctx, rec, actor, state, {
        checkId: f.check_id,
        findingId: f.id,
        rule: f.rule,
        findingKey: f.key,
        teacherId: f.teacher_id!,
        groupId: f.group_id,
        subjectId: f.subject_id,
        lessonId: f.lesson_id,
        pupilId: f.pupil_id,
        text: f.text,
        deadline,
      });
    });
    return { remarkIds };
  });
}

interface Place {
  groupId?: number | undefined;
  subjectId?: number | undefined;
  lessonId?: number | undefined;
  pupilId?: number | undefined;
}

/** A manual remark's link: a lesson brings its journal; each id must exist in the check's year. */
function placeOf(ctx: Ctx, yearId: number, p: Place): { groupId: number | null; subjectId: number | null; lessonId: number | null; pupilId: number | null } {
  const s = ctx.sqlite;
  let groupId = p.groupId ?? null;
  let subjectId = p.subjectId ?? null;
  if (p.lessonId !== undefined) {
    const l = prep(s, 'SELECT group_id, subject_id FROM lesson WHERE id = ?').get(p.lessonId) as { group_id: number; subject_id: number } | undefined;
    if (!l) throw invalid('Нет такого урока: обновите журнал', ['lessonId']);
    if ((groupId !== null && groupId !== l.group_id) || (subjectId !== null && subjectId !== l.subject_id))
      throw invalid('Урок относится к другому журналу', ['lessonId']);
    groupId = l.group_id;
    subjectId = l.subject_id;
  }
  if (groupId !== null && !prep(s, 'SELECT 1 FROM study_group g JOIN class_unit c ON c.id = g.class_id WHERE g.id = ? AND c.year_id = ?').get(groupId, yearId))
    throw invalid('Нет такого класса или группы в году этой проверки', ['groupId']);
  if (subjectId !== null && !prep(s, 'SELECT 1 FROM subject WHERE id = ?').get(subjectId)) throw invalid('Нет такого предмета', ['subjectId']);
  if (p.pupilId !== undefined && !prep(s, 'SELECT 1 FROM enrolment WHERE pupil_id = ? LIMIT 1').get(p.pupilId)) throw invalid('Нет такого ученика', ['pupilId']);
  return { groupId, subjectId, lessonId: p.lessonId ?? null, pupilId: p.pupilId ?? null };
}

export function addRemark(ctx: Ctx, input: Place & { checkId: number; teacherId: number; text: string; deadline?: string | undefined }): { remarkId: number } {
  const actor = requireActor(ctx);
  const deadline = deadlineOf(ctx, input.deadline);
  return mutate(ctx, (rec) => {
    const c = checkRow(ctx, input.checkId);
    assertYearOpen(ctx, c.year_id);
    const teaches = prep(
      ctx.sqlite,
      "SELECT 1 FROM staff_user u JOIN staff_role r ON r.staff_id = u.id WHERE u.id = ? AND u.disabled = 0 AND r.role IN ('teacher', 'classTeacher') LIMIT 1",
    ).get(input.teacherId);
    if (!teaches) throw invalid('Замечание пишут учителю: выберите учителя из списка', ['teacherId']);
    const place = placeOf(ctx, c.year_id, input);
    const remarkId = insertRemark(ctx, rec, actor, c.status === 'issued' ? 'open' : 'draft', {
      checkId: c.id,
      findingId: null,
      rule: null,
      findingKey: null,
      teacherId: input.teacherId,
      ...place,
      text: input.text.trim(),
      deadline,
    });
    return { remarkId };
  });
}

/**
 * One state change of a remark: read inside the transaction, version and state checked, the
 * row updated with a version bump, and an audit record naming both states.
 */
function change(
  ctx: Ctx,
  input: { remarkId: number; version: number },
  guard: (r: RemarkRow) => void,
  allowed: readonly RemarkState[],
  action: string,
  ru: string,
  set: (r: RemarkRow) => Partial<Pick<RemarkRow, 'state' | 'fixed_by' | 'reply' | 'text' | 'deadline'>>,
  reason?: string,
): { version: number } {
  return mutate(ctx, (rec) => {
    const r = remarkRow(ctx, input.remarkId);
    guard(r);
    assertYearOpen(ctx, checkRow(ctx, r.check_id).year_id);
    assertRemark(r, input.version, allowed, ru);
    const next = set(r);
    const at = ctx.now().toISOString();
    const cols = Object.keys(next);
    const stateAt = next.state !== undefined && next.state !== r.state;
    prep(
      ctx.sqlite,
      `UPDATE remark SET ${cols.map((c) => `${c} = ?`).join(', ')}${stateAt ? ', state_at = ?' : ''}, version = version + 1 WHERE id = ?`,
    ).run(...cols.map((c) => next[c as keyof typeof next]), ...(stateAt ? [at] : []), r.id);
    const before = Object.fromEntries(cols.map((c) => [c, r[c as keyof RemarkRow]]));
    rec.audit({ action, entity: 'remark', entityId: r.id, before, after: next, reason: reason ?? null });
    return { version: r.version + 1 };
  });
}

/** A teacher acts on their own issued remarks only; a draft is nobody's business yet. */
const ownIssued = (actor: Actor) => (r: RemarkRow) => {
  if (r.state === 'draft') throw new AppError('not_found', 'Нет такого замечания: обновите список замечаний');
  if (r.teacher_id !== actor.staffId) throw new AppError('forbidden', 'Это замечание другому учителю: отметить его может только он');
};
const anyRemark = () => {};

export function updateRemark(ctx: Ctx, input: { remarkId: number; text?: string | undefined; deadline?: string | undefined; version: number }): { version: number } {
  requireActor(ctx);
  if (input.text === undefined && input.deadline === undefined) throw invalid('Укажите новый текст или новый срок', ['text']);
  const deadline = input.deadline === undefined ? undefined : deadlineOf(ctx, input.deadline);
  return change(ctx, input, anyRemark, ['draft', 'open', 'acknowledged', 'overdue'], 'remark.update', 'изменить', () => ({
    ...(input.text !== undefined ? { text: input.text.trim() } : {}),
    ...(deadline !== undefined ? { deadline } : {}),
  }));
}

export function deleteRemark(ctx: Ctx, input: { remarkId: number }): { ok: true } {
  requireActor(ctx);
  return mutate(ctx, (rec) => {
    const r = remarkRow(ctx, input.remarkId);
    assertYearOpen(ctx, checkRow(ctx, r.check_id).year_id);
    if (r.state !== 'draft') throw new AppError('conflict', 'Выданное замечание не удаляют: подтвердите его или верните учителю');
    prep(ctx.sqlite, 'DELETE FROM remark WHERE id = ?').run(r.id);
    rec.audit({ action: 'remark.delete', entity: 'remark', entityId: r.id, before: r });
    return { ok: true as const };
  });
}

export function acknowledge(ctx: Ctx, input: { remarkId: number; version: number }): { version: number } {
  const actor = requireActor(ctx);
  return change(ctx, input, ownIssued(actor), ['open'], 'remark.acknowledge', 'отметить прочитанным', () => ({ state: 'acknowledged' }));
}

export function markFixed(ctx: Ctx, input: { remarkId: number; reply?: string | undefined; version: number }): { version: number } {
  const actor = requireActor(ctx);
  return change(ctx, input, ownIssued(actor), ['open', 'acknowledged', 'overdue'], 'remark.fixed', 'отметить исправленным', () => ({
    state: 'fixed',
    fixed_by: 'teacher',
    reply: input.reply?.trim() || null,
  }));
}

export function verify(ctx: Ctx, input: { remarkId: number; version: number }): { version: number } {
  requireActor(ctx);
  return change(ctx, input, anyRemark, ['fixed'], 'remark.verify', 'подтвердить', () => ({ state: 'verified' }));
}

export function reopen(ctx: Ctx, input: { remarkId: number; reason: string; deadline: string; version: number }): { version: number } {
  requireActor(ctx);
  const deadline = deadlineOf(ctx, input.deadline);
  return change(
    ctx,
    input,
    anyRemark,
    ['fixed', 'overdue'],
    'remark.reopen',
    'вернуть учителю',
    () => ({ state: 'open', fixed_by: null, deadline }),
    input.reason.trim(),
  );
}

/** The unverified issued remarks a teacher (or, with check.read, anybody) sees for a journal. */
export function forJournal(ctx: Ctx, input: { groupId: number; subjectId: number }, seesAll: boolean): RemarkView[] {
  const actor = requireActor(ctx);
  return remarkViews(
    ctx,
    `r.group_id = ? AND r.subject_id = ? AND r.state NOT IN ('draft', 'verified') AND (? OR r.teacher_id = ?)`,
    input.groupId,
    input.subjectId,
    seesAll ? 1 : 0,
    actor.staffId,
  );
}

export function mine(ctx: Ctx): RemarkView[] {
  const actor = requireActor(ctx);
  return remarkViews(ctx, "r.teacher_id = ? AND r.state IN ('open', 'acknowledged', 'fixed', 'overdue')", actor.staffId);
}

export function listRemarks(ctx: Ctx, input: { checkId?: number | undefined; teacherId?: number | undefined; state?: RemarkState | undefined }): RemarkView[] {
  return remarkViews(
    ctx,
    '(? IS NULL OR r.check_id = ?) AND (? IS NULL OR r.teacher_id = ?) AND (? IS NULL OR r.state = ?)',
    ...[input.checkId, input.teacherId, input.state].flatMap((v) => [v ?? null, v ?? null]),
  );
}
