// The suggested year and final marks (issue 11): the year from the study periods' marks or from
// all the year's lesson marks (settings.yearMarkRule), the final mark of grades 9 and 11 from
// the year and exam marks. Study periods keep their suggestion from the lesson marks.
import { suggestFinalMark, suggestTermMark, suggestYearFromTerms, type WeightedMark } from '../../../src-shared/journal/average';
import type { TermKind } from '../../../src-shared/domain';
import type { Ctx } from '../context';
import { loadSettings } from '../school/settings';
import { prep } from '../sql';
import type { TermRow } from '../school/terms';

/** A pupil's mark of another term of the same journal (the periods shown beside the year). */
export interface OtherTermMark {
  pupilId: number;
  termId: number;
  kind: TermKind;
  number: number;
  value: string;
}

/** Every term mark of the journal (group × subject) in the term's year, all kinds. */
export function journalTermMarks(ctx: Ctx, groupId: number, subjectId: number, termId: number, pupilId?: number): OtherTermMark[] {
  return prep(
    ctx.sqlite,
    `SELECT tm.pupil_id AS pupilId, t.id AS termId, t.kind, t.number, tm.value FROM term_mark tm JOIN term t ON t.id = tm.term_id
         WHERE tm.group_id = ? AND tm.subject_id = ? AND t.year_id = (SELECT year_id FROM term WHERE id = ?)
           AND (? IS NULL OR tm.pupil_id = ?)
         ORDER BY tm.pupil_id, CASE t.kind WHEN 'year' THEN 1 WHEN 'exam' THEN 2 WHEN 'final' THEN 3 ELSE 0 END, t.starts_on`,
  ).all(groupId, subjectId, termId, pupilId ?? null, pupilId ?? null) as OtherTermMark[];
}

/** Lesson marks of the journal between two dates, per pupil. */
function lessonMarks(
  ctx: Ctx,
  groupId: number,
  subjectId: number,
  from: string,
  to: string,
  pupilId?: number,
): Map<number, WeightedMark[]> {
  const rows = prep(
    ctx.sqlite,
    `SELECT m.pupil_id, m.value, m.weight FROM mark m JOIN lesson l ON l.id = m.lesson_id
       WHERE l.group_id = ? AND l.subject_id = ? AND l.date BETWEEN ? AND ? AND (? IS NULL OR m.pupil_id = ?)`,
  ).all(groupId, subjectId, from, to, pupilId ?? null, pupilId ?? null) as { pupil_id: number; value: string; weight: number }[];
  const out = new Map<number, WeightedMark[]>();
  for (const r of rows) {
    const list = out.get(r.pupil_id) ?? [];
    list.push({ value: r.value, weight: r.weight });
    out.set(r.pupil_id, list);
  }
  return out;
}

/**
 * The suggested mark of each listed pupil for this term of the journal (null: nothing to base it
 * on; exam marks are never suggested).
 */
export function suggestMarks(
  ctx: Ctx,
  j: { groupId: number; subjectId: number; term: Pick<TermRow, 'id' | 'kind' | 'starts_on' | 'ends_on'> },
  pupilIds: readonly number[],
): Map<number, string | null> {
  const settings = loadSettings(ctx);
  const threshold = settings.markRoundingThreshold;
  const out = new Map<number, string | null>();
  const one = pupilIds.length === 1 ? pupilIds[0] : undefined;
  const { kind } = j.term;
  if (kind === 'exam') {
    for (const p of pupilIds) out.set(p, null);
    return out;
  }
  if (kind === 'quarter' || kind === 'half' || kind === 'trimester' || (kind === 'year' && settings.yearMarkRule === 'weightedYear')) {
    const marks = lessonMarks(ctx, j.groupId, j.subjectId, j.term.starts_on, j.term.ends_on, one);
    for (const p of pupilIds) out.set(p, suggestTermMark(marks.get(p) ?? [], threshold));
    return out;
  }
  const others = journalTermMarks(ctx, j.groupId, j.subjectId, j.term.id, one);
  for (const p of pupilIds) {
    const mine = others.filter((o) => o.pupilId === p);
    if (kind === 'year')
      out.set(
        p,
        suggestYearFromTerms(
          mine.filter((o) => isStudyPeriod(o.kind)).map((o) => o.value),
          threshold,
        ),
      );
    else
      out.set(p, suggestFinalMark(mine.find((o) => o.kind === 'year')?.value ?? null, mine.find((o) => o.kind === 'exam')?.value ?? null));
  }
  return out;
}

export function isStudyPeriod(kind: TermKind): boolean {
  return kind === 'quarter' || kind === 'half' || kind === 'trimester';
}
