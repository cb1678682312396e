// «Проверка дневника» (issue 5): a month of the local journal against the portal's digests,
// down to the lesson. Scope follows the caller: own subjects, own class, or everything.
import { createHash } from 'node:crypto';
import { addDays } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import { exportMasker } from '../privacy/school';
import { buildDigest, type DigestCell, type DigestLesson } from '../../../src-shared/export/digest';
import { Digest } from '../../../src-shared/export/package';
import { requireActor, type Ctx } from '../context';
import { loadSettings } from '../school/settings';
import { prep } from '../sql';
import { networkReason } from './network-error';
import { schoolSecret } from './full';
import { pseudonymizer } from './ids';
import { portalToken } from './sync';

const sha256Hex = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');

function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
}

type Pair = { groupId: number; subjectId: number; groupName: string; subjectName: string };

/** The journals the caller may compare, among those with lessons in the range. */
function pairsInScope(ctx: Ctx, from: string, to: string, only: { groupId?: number | undefined; subjectId?: number | undefined }): Pair[] {
  const actor = requireActor(ctx);
  const all = actor.roles.some((r) => ['deputy', 'director', 'supervisor', 'administrator'].includes(r));
  return prep(
    ctx.sqlite,
    `SELECT DISTINCT l.group_id AS groupId, l.subject_id AS subjectId, g.name AS groupName, s.name AS subjectName
     FROM lesson l JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id JOIN subject s ON s.id = l.subject_id
     WHERE l.date BETWEEN @from AND @to AND (@g IS NULL OR l.group_id = @g) AND (@s IS NULL OR l.subject_id = @s)
       AND (@all = 1 OR c.class_teacher_id = @me OR EXISTS (
         SELECT 1 FROM teaching_load tl WHERE tl.teacher_id = @me AND tl.group_id = l.group_id AND tl.subject_id = l.subject_id
           AND tl.valid_from <= @to AND (tl.valid_to IS NULL OR tl.valid_to >= @from)))
     ORDER BY g.name, s.name`,
  ).all({ from, to, g: only.groupId ?? null, s: only.subjectId ?? null, all: all ? 1 : 0, me: actor.staffId }) as Pair[];
}

function localDigest(ctx: Ctx, pair: Pair, from: string, to: string, ref: (id: number) => string): Digest {
  const lessons = (
    prep(
      ctx.sqlite,
      'SELECT id, date, slot, held, topic, homework FROM lesson WHERE group_id = ? AND subject_id = ? AND date BETWEEN ? AND ? AND cancelled = 0',
    ).all(pair.groupId, pair.subjectId, from, to) as Record<string, unknown>[]
  ).map((l) => ({ ...l, held: l.held === 1 }) as DigestLesson);
  // The diary shows free text as the packages carry it: masked where it looked personal.
  const mask = exportMasker(ctx.sqlite);
  for (const l of lessons) Object.assign(l, { topic: mask.nullable(l.topic), homework: mask.nullable(l.homework) });
  const cells = new Map<string, DigestCell>();
  const cell = (lessonId: number, pupilId: number) => {
    const k = `${lessonId}:${pupilId}`;
    let c = cells.get(k);
    if (!c) cells.set(k, (c = { lessonId, pupil: ref(pupilId), marks: [], absence: null }));
    return c;
  };
  for (const m of prep(
    ctx.sqlite,
    `SELECT m.lesson_id, m.pupil_id, m.value, w.name AS work_type FROM mark m JOIN work_type w ON w.id = m.work_type_id
     JOIN lesson l ON l.id = m.lesson_id WHERE l.group_id = ? AND l.subject_id = ? AND l.date BETWEEN ? AND ? ORDER BY m.position`,
  ).all(pair.groupId, pair.subjectId, from, to) as { lesson_id: number; pupil_id: number; value: string; work_type: string }[])
    cell(m.lesson_id, m.pupil_id).marks.push({ value: m.value, workType: m.work_type });
  for (const a of prep(
    ctx.sqlite,
    `SELECT a.lesson_id, a.pupil_id, a.reason FROM absence a JOIN lesson l ON l.id = a.lesson_id
     WHERE l.group_id = ? AND l.subject_id = ? AND l.date BETWEEN ? AND ?`,
  ).all(pair.groupId, pair.subjectId, from, to) as { lesson_id: number; pupil_id: number; reason: string }[])
    cell(a.lesson_id, a.pupil_id).absence = a.reason;
  return buildDigest(pair, { from, to }, lessons, [...cells.values()], sha256Hex);
}

export async function reconcile(ctx: Ctx, input: { month: string; groupId?: number | undefined; subjectId?: number | undefined }) {
  const { from, to } = monthRange(input.month);
  const url = loadSettings(ctx).exportUrl;
  const token = portalToken(ctx);
  if (!url || !token)
    throw new AppError(
      'validation',
      'Выгрузка не настроена: сравнивать не с чем. Администратор указывает адрес портала и ключ на странице «Выгрузка»',
    );
  const pairs = pairsInScope(ctx, from, to, input);
  const ref = pseudonymizer(schoolSecret(ctx.sqlite).secret);
  const local = pairs.map((p) => localDigest(ctx, p, from, to, ref));
  let remote: Digest[];
  try {
    const res = await fetch(new URL('api/digests', url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ from, to, pairs: pairs.map((p) => ({ groupId: p.groupId, subjectId: p.subjectId })) }),
      signal: AbortSignal.timeout(60_000),
    });
    if (res.status === 401 || res.status === 403)
      throw new AppError('conflict', `Портал не принял ключ доступа (${res.status}): проверьте ключ на странице «Выгрузка»`);
    if (!res.ok) throw new AppError('conflict', `Портал не ответил на сравнение (${res.status}): повторите проверку позже`);
    remote = Digest.array().parse(((await res.json()) as { digests: unknown }).digests);
  } catch (e) {
    if (e instanceof AppError) throw e;
    // What to do, in Russian: the cause (a code such as ECONNREFUSED) only in parentheses.
    const err = e as Error;
    throw new AppError(
      'conflict',
      err.name === 'TimeoutError' || err.name === 'AbortError'
        ? 'Портал не ответил вовремя: повторите проверку позже'
        : err.name === 'ZodError' || err instanceof SyntaxError
          ? 'Портал прислал непонятный ответ: повторите проверку позже, а если ошибка повторяется, сообщите в поддержку портала'
          : `Нет связи с порталом: ${networkReason(e)}. Проверьте подключение к интернету и адрес портала, затем повторите проверку`,
    );
  }
  return {
    from,
    to,
    journals: pairs.map((p, i) => {
      const l = local[i]!;
      const r = remote.find((d) => d.groupId === p.groupId && d.subjectId === p.subjectId);
      const theirs = new Map((r?.perLesson ?? []).map((x) => [x.lessonId, x]));
      const ours = new Map(l.perLesson.map((x) => [x.lessonId, x]));
      const lessons = [
        ...l.perLesson
          .filter((x) => theirs.get(x.lessonId)?.hash !== x.hash)
          .map((x) => ({
            lessonId: x.lessonId,
            date: x.date,
            problem: theirs.has(x.lessonId) ? ('different' as const) : ('missing' as const),
          })),
        ...[...theirs.values()]
          .filter((x) => !ours.has(x.lessonId))
          .map((x) => ({ lessonId: x.lessonId, date: x.date, problem: 'extra' as const })),
      ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.lessonId - b.lessonId));
      return {
        groupId: p.groupId,
        groupName: p.groupName,
        subjectId: p.subjectId,
        subjectName: p.subjectName,
        same: r?.hash === l.hash,
        local: { lessons: l.lessons, marks: l.marks, absences: l.absences },
        portal: { lessons: r?.lessons ?? 0, marks: r?.marks ?? 0, absences: r?.absences ?? 0 },
        lessons,
      };
    }),
  };
}
