// The journal's open remarks (remarks.forJournal), fetched beside the journal itself: the grid
// opens without waiting for them, and the markers appear when they arrive. A refusal or a
// failure leaves the journal without markers (they are a hint, not part of the journal).
import { useEffect, useMemo, useState } from 'react';
import type { RemarkView } from '../../src-shared/rpc/check';
import type { LessonView } from '../../src-shared/rpc/journal';
import { invoke } from '../rpc/client';
import { NO_MARKS, remarkMarks, type RemarkMarks } from './remarks';

export function useJournalRemarks(groupId: number, subjectId: number, lessons: readonly LessonView[]): RemarkMarks {
  const [remarks, setRemarks] = useState<RemarkView[]>([]);
  useEffect(() => {
    let live = true;
    invoke('remarks.forJournal', { groupId, subjectId }).then(
      (r) => live && setRemarks(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [groupId, subjectId]);
  // Every edit of a lesson makes a new lessons array; the markers depend only on which lesson id
  // sits in which column. Keyed on that, the per-row maps keep their identity and the grid's
  // memoized rows are not redrawn by a topic typed in the panel.
  const columns = remarks.length === 0 ? '' : lessons.map((l) => `${l.lessonId}@${l.date}.${l.slot}.${l.part}`).join(',');
  return useMemo(() => (remarks.length === 0 ? NO_MARKS : remarkMarks(remarks, lessons)), [remarks, columns]);
}
