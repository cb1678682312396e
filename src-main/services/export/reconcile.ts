// «Проверка дневника» (issue 5): a month of the local journal against the portal's digests,
// down to the lesson and the cell (issue 12: the pupil and both values). Scope follows the caller: own subjects, own class, or everything.
import { addDays } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import { requireActor, type Ctx } from '../context';
import { loadSettings } from '../school/settings';
import { prep } from '../sql';
import { compareWithDiary, type DiaryPair } from './diary-compare';
import { portalToken } from './sync';

function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
}

/** The journals the caller may compare, among those with lessons in the range. */
function pairsInScope(
  ctx: Ctx,
  from: string,
  to: string,
  only: { groupId?: number | undefined; subjectId?: number | undefined },
): DiaryPair[] {
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
  ).all({ from, to, g: only.groupId ?? null, s: only.subjectId ?? null, all: all ? 1 : 0, me: actor.staffId }) as DiaryPair[];
}

/** Per journal, the cell differences the answer carries at most. */
const MAX_CELLS = 500;

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
  const compared = await compareWithDiary(ctx, { url, token }, pairs, from, to);
  return {
    from,
    to,
    journals: compared.map(({ pair: p, local: l, remote: r, lessons, cells }) => ({
      groupId: p.groupId,
      groupName: p.groupName,
      subjectId: p.subjectId,
      subjectName: p.subjectName,
      same: r?.hash === l.hash,
      local: { lessons: l.lessons, marks: l.marks, absences: l.absences },
      portal: { lessons: r?.lessons ?? 0, marks: r?.marks ?? 0, absences: r?.absences ?? 0 },
      lessons: lessons.map((x) => ({ lessonId: x.lessonId, date: x.date, slot: x.slot, problem: x.problem })),
      // A journal never sent differs in every cell: the page shows the first ones and the count.
      cells: cells.slice(0, MAX_CELLS),
      cellsTotal: cells.length,
    })),
  };
}
