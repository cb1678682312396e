// What the journal view shows of closing (issue 11): the term's closed state for the group's
// class, its open reopenings, and for the year, exam and final views the other terms' marks
// beside them with the suggestion by the school's rule.
import { shortName } from '../../../src-shared/names';
import type { JournalView } from '../../../src-shared/rpc/journal';
import type { Ctx } from '../context';
import { prep } from '../sql';
import type { TermRow } from '../school/terms';
import { isStudyPeriod, journalTermMarks, suggestMarks } from './suggest';

type ClosingPart = Pick<JournalView, 'closed' | 'reopened' | 'otherTermMarks' | 'suggested'>;

export function journalClosingState(ctx: Ctx, j: { groupId: number; subjectId: number; term: TermRow; pupilIds: number[] }): ClosingPart {
  const s = ctx.sqlite;
  // The whole school's closing first, else the class's own.
  const closed = prep(
    s,
    `SELECT COALESCE(t.closed_at, tc.closed_at) AS at, p.surname, p.name, p.patronymic
       FROM term t JOIN study_group g ON g.id = ? LEFT JOIN term_closure tc ON tc.term_id = t.id AND tc.class_id = g.class_id
       LEFT JOIN staff_user u ON u.id = CASE WHEN t.closed_at IS NOT NULL THEN t.closed_by ELSE tc.closed_by END
       LEFT JOIN person p ON p.id = u.person_id
       WHERE t.id = ?`,
  ).get(j.groupId, j.term.id) as { at: string | null; surname: string | null; name: string | null; patronymic: string | null } | undefined;
  const reopened = closed?.at
    ? (prep(
        s,
        `SELECT id, lesson_id AS lessonId, pupil_id AS pupilId, reason FROM term_reopen
           WHERE term_id = ? AND group_id = ? AND subject_id = ? AND closed_at IS NULL ORDER BY id`,
      ).all(j.term.id, j.groupId, j.subjectId) as JournalView['reopened'])
    : [];
  const byWhom = closed?.surname ? shortName({ surname: closed.surname, name: closed.name ?? '', patronymic: closed.patronymic }) : null;
  const mine = isStudyPeriod(j.term.kind);
  const suggested = mine ? null : suggestMarks(ctx, { groupId: j.groupId, subjectId: j.subjectId, term: j.term }, j.pupilIds);
  return {
    closed: closed?.at ? { at: closed.at, by: byWhom } : null,
    reopened,
    otherTermMarks: mine
      ? []
      : journalTermMarks(ctx, j.groupId, j.subjectId, j.term.id)
          .filter((m) => m.termId !== j.term.id)
          .map((m) => ({ pupilId: m.pupilId, termId: m.termId, value: m.value })),
    suggested: suggested ? [...suggested].map(([pupilId, value]) => ({ pupilId, value })) : null,
  };
}
