// The journal against the portal's diary down to the cell (issue 5's digests, issue 12's R18):
// the digests say which lessons differ; for those the portal's own lines (POST /api/lessons)
// name the pupil and both values. Shared by «Проверка дневника» (reconcile.ts) and the check
// (diary-findings.ts). Read-only; the portal's failures become an AppError in Russian.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import { buildDigest, lessonLines, type DigestCell, type DigestLesson } from '../../../src-shared/export/digest';
import { LessonLinesResponse, type LessonLines } from '../../../src-shared/export/lines';
import { Digest } from '../../../src-shared/export/package';
import { shortName } from '../../../src-shared/names';
import type { Ctx } from '../context';
import { exportMasker } from '../privacy/school';
import { prep } from '../sql';
import { schoolSecret } from './full';
import { pseudonymizer } from './ids';
import { networkReason } from './network-error';

const sha256Hex = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');

export type DiaryPair = { groupId: number; subjectId: number; groupName: string; subjectName: string };

/** What differs in one lesson: the lesson's own fields (pupilId null) or one pupil's cell. */
export interface CellDiff {
  lessonId: number;
  date: string;
  slot: number;
  field: 'held' | 'topic' | 'homework' | 'cell';
  pupilId: number | null;
  pupilName: string | null;
  /** As the journal / the diary shows it; null: empty (no mark, no absence, no text). */
  ours: string | null;
  theirs: string | null;
}

export interface LessonDiff {
  lessonId: number;
  date: string;
  slot: number;
  problem: 'missing' | 'extra' | 'different';
}

export interface JournalComparison {
  pair: DiaryPair;
  local: Digest;
  remote: Digest | undefined;
  lessons: LessonDiff[];
  cells: CellDiff[];
}

interface LocalJournal {
  digest: Digest;
  lessons: Map<number, DigestLesson>;
  cells: Map<number, DigestCell[]>;
  /** Pseudonym → pupil id for every pupil with a cell here. */
  pupils: Map<string, number>;
}

/**
 * Every requested journal's lessons and cells of [from, to] in three bulk queries (not three per
 * journal: a whole-school check compares ~800 journals) and one masker (its name index is costly).
 */
function localJournals(ctx: Ctx, pairs: readonly DiaryPair[], from: string, to: string, ref: (id: number) => string): LocalJournal[] {
  const pairKey = (g: number, s: number) => `${g}:${s}`;
  const byPair = new Map<string, { lessons: DigestLesson[]; cells: Map<string, DigestCell>; pupils: Map<string, number> }>();
  for (const p of pairs) byPair.set(pairKey(p.groupId, p.subjectId), { lessons: [], cells: new Map(), pupils: new Map() });
  // The diary shows free text as the packages carry it: masked where it looked personal.
  const mask = exportMasker(ctx.sqlite);
  for (const l of prep(
    ctx.sqlite,
    // Control-work columns are not lessons of the portal (columns/export.ts); cancelled lessons are gone from it.
    `SELECT id, group_id, subject_id, date, slot, held, topic, homework FROM lesson
     WHERE date BETWEEN ? AND ? AND part = 0 AND cancelled = 0 ORDER BY id`,
  ).all(from, to) as {
    id: number;
    group_id: number;
    subject_id: number;
    date: string;
    slot: number;
    held: number;
    topic: string | null;
    homework: string | null;
  }[]) {
    const j = byPair.get(pairKey(l.group_id, l.subject_id));
    if (j)
      j.lessons.push({
        id: l.id,
        date: l.date,
        slot: l.slot,
        held: l.held === 1,
        topic: mask.nullable(l.topic),
        homework: mask.nullable(l.homework),
      });
  }
  const cell = (g: number, s: number, lessonId: number, pupilId: number) => {
    const j = byPair.get(pairKey(g, s));
    if (!j) return null;
    const k = `${lessonId}:${pupilId}`;
    let c = j.cells.get(k);
    if (!c) {
      const pupil = ref(pupilId);
      j.pupils.set(pupil, pupilId);
      j.cells.set(k, (c = { lessonId, pupil, marks: [], absence: null }));
    }
    return c;
  };
  // A column's marks count as its lesson's, after the lesson's own (the packages' order): the
  // parent is found in JS and each cell's marks sorted by (part, position) — a self-join with
  // a month-wide ORDER BY cost seconds on the reference school.
  const parent = new Map<string, number>();
  for (const [k, j] of byPair) for (const l of j.lessons) parent.set(`${k}:${l.date}:${l.slot}`, l.id);
  const workTypes = new Map(
    (prep(ctx.sqlite, 'SELECT id, name FROM work_type').all() as { id: number; name: string }[]).map((w) => [w.id, w.name]),
  );
  const order = new Map<DigestCell, { part: number; position: number; value: string; workType: string }[]>();
  for (const m of prep(
    ctx.sqlite,
    `SELECT l.group_id, l.subject_id, l.date, l.slot, l.part, m.pupil_id, m.value, m.position, m.work_type_id
     FROM lesson l JOIN mark m ON m.lesson_id = l.id WHERE l.date BETWEEN ? AND ?`,
  ).all(from, to) as {
    group_id: number;
    subject_id: number;
    date: string;
    slot: number;
    part: number;
    pupil_id: number;
    value: string;
    position: number;
    work_type_id: number;
  }[]) {
    const lessonId = parent.get(`${pairKey(m.group_id, m.subject_id)}:${m.date}:${m.slot}`);
    if (lessonId === undefined) continue; // a cancelled lesson's column: not in the diary
    const c = cell(m.group_id, m.subject_id, lessonId, m.pupil_id);
    if (!c) continue;
    let list = order.get(c);
    if (!list) order.set(c, (list = []));
    list.push({ part: m.part, position: m.position, value: m.value, workType: workTypes.get(m.work_type_id) ?? '' });
  }
  for (const [c, list] of order)
    c.marks = list.sort((x, y) => x.part - y.part || x.position - y.position).map((x) => ({ value: x.value, workType: x.workType }));
  for (const a of prep(
    ctx.sqlite,
    `SELECT a.lesson_id, l.group_id, l.subject_id, a.pupil_id, a.reason FROM absence a JOIN lesson l ON l.id = a.lesson_id
     WHERE l.date BETWEEN ? AND ?`,
  ).all(from, to) as { lesson_id: number; group_id: number; subject_id: number; pupil_id: number; reason: string }[]) {
    const c = cell(a.group_id, a.subject_id, a.lesson_id, a.pupil_id);
    if (c) c.absence = a.reason;
  }
  return pairs.map((pair) => {
    const j = byPair.get(pairKey(pair.groupId, pair.subjectId))!;
    const byLesson = new Map<number, DigestCell[]>();
    for (const c of j.cells.values()) {
      const list = byLesson.get(c.lessonId);
      if (list) list.push(c);
      else byLesson.set(c.lessonId, [c]);
    }
    return {
      digest: buildDigest(pair, { from, to }, j.lessons, [...j.cells.values()], sha256Hex),
      lessons: new Map(j.lessons.map((l) => [l.id, l])),
      cells: byLesson,
      pupils: j.pupils,
    };
  });
}

/** POST to the portal; every failure becomes a conflict that says what to do, in Russian. */
async function portalPost<T>(
  url: string,
  token: string,
  path: string,
  body: unknown,
  parse: (raw: unknown) => T,
  opts: { absentOk?: boolean } = {},
): Promise<T | null> {
  try {
    const res = await fetch(new URL(path, url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    if (res.status === 401 || res.status === 403)
      throw new AppError('conflict', `Портал не принял ключ доступа (${res.status}): проверьте ключ на странице «Выгрузка»`);
    // A portal without the route (an older one): the caller does without it.
    if (res.status === 404 && opts.absentOk) return null;
    if (!res.ok) throw new AppError('conflict', `Портал не ответил на сравнение (${res.status}): повторите проверку позже`);
    return parse(await res.json());
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
}

const parseWith =
  <S extends z.ZodTypeAny>(schema: S) =>
  (raw: unknown): z.infer<S> =>
    schema.parse(raw);

/** A cell as a person reads it: «5 4 н»; work types only when they are all that differs. */
function cellText(c: DigestCell | LessonLines['cells'][number] | undefined, withTypes: boolean): string | null {
  if (!c || (c.marks.length === 0 && !c.absence)) return null;
  const marks = c.marks.map((m) => (withTypes ? `${m.value} (${m.workType})` : m.value));
  return [...marks, ...(c.absence ? [c.absence] : [])].join(' ');
}

const heldText = (held: boolean) => (held ? 'проведён' : 'не проведён');

/** The differences inside one lesson both sides have. */
function lessonCellDiffs(
  ours: DigestLesson,
  ourCells: readonly DigestCell[],
  theirs: LessonLines,
  pupilOf: (ref: string) => { id: number | null; name: string | null },
): CellDiff[] {
  const at = { lessonId: ours.id, date: ours.date, slot: ours.slot };
  const out: CellDiff[] = [];
  const field = (f: 'held' | 'topic' | 'homework', a: string | null, b: string | null) => {
    if (a !== b) out.push({ ...at, field: f, pupilId: null, pupilName: null, ours: a, theirs: b });
  };
  field('held', heldText(ours.held), heldText(theirs.held));
  field('topic', ours.topic || null, theirs.topic || null);
  field('homework', ours.homework || null, theirs.homework || null);
  const mine = new Map(ourCells.map((c) => [c.pupil, c]));
  const yours = new Map(theirs.cells.map((c) => [c.pupil, c]));
  // Compare each pupil's cell by the digest's own line, so «differs» here means what it meant there.
  const line = (c: DigestCell | undefined) => (c ? lessonLines(ours, [c]).slice(1).join('\n') : '');
  const cellDiffs: CellDiff[] = [];
  for (const pupil of new Set([...mine.keys(), ...yours.keys()])) {
    const a = mine.get(pupil);
    const bRaw = yours.get(pupil);
    const b = bRaw ? { lessonId: ours.id, ...bRaw } : undefined;
    if (line(a) === line(b)) continue;
    let oursText = cellText(a, false);
    let theirsText = cellText(b, false);
    if (oursText === theirsText) {
      oursText = cellText(a, true);
      theirsText = cellText(b, true);
    }
    const p = pupilOf(pupil);
    cellDiffs.push({ ...at, field: 'cell', pupilId: p.id, pupilName: p.name, ours: oursText, theirs: theirsText });
  }
  cellDiffs.sort((x, y) => (x.pupilName ?? '\uffff').localeCompare(y.pupilName ?? '\uffff', 'ru'));
  return [...out, ...cellDiffs];
}

/**
 * Compares the pairs over [from, to] with the portal. Throws AppError('validation') when the
 * export is not configured and AppError('conflict') when the portal cannot be asked.
 */
export async function compareWithDiary(
  ctx: Ctx,
  portal: { url: string; token: string },
  pairs: readonly DiaryPair[],
  from: string,
  to: string,
): Promise<JournalComparison[]> {
  const ref = pseudonymizer(schoolSecret(ctx.sqlite).secret);
  const locals = localJournals(ctx, pairs, from, to, ref);
  const remote = (await portalPost(
    portal.url,
    portal.token,
    'api/digests',
    { from, to, pairs: pairs.map((p) => ({ groupId: p.groupId, subjectId: p.subjectId })) },
    (raw) => Digest.array().parse((raw as { digests: unknown }).digests),
  ))!;
  const results = pairs.map((pair, i) => {
    const local = locals[i]!;
    const r = remote.find((d) => d.groupId === pair.groupId && d.subjectId === pair.subjectId);
    const theirs = new Map((r?.perLesson ?? []).map((x) => [x.lessonId, x]));
    const ours = new Map(local.digest.perLesson.map((x) => [x.lessonId, x]));
    const slotOf = (id: number) => local.lessons.get(id)?.slot ?? 0;
    const lessons: LessonDiff[] = [
      ...local.digest.perLesson
        .filter((x) => theirs.get(x.lessonId)?.hash !== x.hash)
        .map((x) => ({
          lessonId: x.lessonId,
          date: x.date,
          slot: slotOf(x.lessonId),
          problem: theirs.has(x.lessonId) ? ('different' as const) : ('missing' as const),
        })),
      ...[...theirs.values()]
        .filter((x) => !ours.has(x.lessonId))
        .map((x) => ({ lessonId: x.lessonId, date: x.date, slot: 0, problem: 'extra' as const })),
    ];
    return { pair, local, remote: r, lessons };
  });

  // The portal's lines of every lesson that differs (and of extras, for their slot), at once.
  const ask = results.flatMap((r) => r.lessons.filter((l) => l.problem !== 'missing').map((l) => l.lessonId));
  const lines = new Map<number, LessonLines>();
  for (let i = 0; i < ask.length; i += 5000) {
    const got = await portalPost(
      portal.url,
      portal.token,
      'api/lessons',
      { lessonIds: ask.slice(i, i + 5000) },
      parseWith(LessonLinesResponse),
      {
        absentOk: true,
      },
    );
    for (const l of got?.lessons ?? []) lines.set(l.id, l);
  }

  const pupilOf = pupilResolver(ctx, pairs, ref, locals);
  return results.map(({ pair, local, remote: r, lessons }) => {
    const cells: CellDiff[] = [];
    for (const l of lessons) {
      const theirs = lines.get(l.lessonId);
      if (l.problem === 'extra' && theirs) l.slot = theirs.slot;
      const ours = local.lessons.get(l.lessonId);
      if (l.problem === 'different' && ours && theirs)
        cells.push(...lessonCellDiffs(ours, local.cells.get(l.lessonId) ?? [], theirs, pupilOf));
    }
    lessons.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.slot - b.slot || a.lessonId - b.lessonId));
    return { pair, local: local.digest, remote: r, lessons, cells };
  });
}

/**
 * Pseudonym → pupil: those with a cell here are known; a cell only the diary has is looked up
 * among the groups' members (HMAC per member, only when such a cell turns up).
 */
function pupilResolver(ctx: Ctx, pairs: readonly DiaryPair[], ref: (id: number) => string, locals: readonly LocalJournal[]) {
  const known = new Map<string, number>();
  for (const l of locals) for (const [k, v] of l.pupils) known.set(k, v);
  let membersDone = false;
  const names = new Map<number, string>();
  const nameStmt = prep(ctx.sqlite, 'SELECT surname, name, patronymic FROM person WHERE id = ?');
  return (pupil: string): { id: number | null; name: string | null } => {
    if (!known.has(pupil) && !membersDone) {
      membersDone = true;
      const groups = [...new Set(pairs.map((p) => p.groupId))];
      const ids = ctx.sqlite
        .prepare(`SELECT DISTINCT pupil_id FROM group_member WHERE group_id IN (${groups.map(() => '?').join(',') || 'NULL'})`)
        .pluck()
        .all(...groups) as number[];
      for (const id of ids) known.set(ref(id), id);
    }
    const id = known.get(pupil);
    if (id === undefined) return { id: null, name: null };
    let name = names.get(id);
    if (name === undefined) {
      const row = nameStmt.get(id) as { surname: string; name: string; patronymic: string | null } | undefined;
      names.set(id, (name = row ? shortName(row) : `#${id}`));
    }
    return { id, name };
  };
}
