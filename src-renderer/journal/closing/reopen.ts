// Which parts of a closed term the deputy reopened (issue 11), as the journal view lists them:
// the whole journal (lesson and pupil null), one cell (both set), one pupil's term mark (only
// the pupil). Mirrors main's assertWritable; main checks every edit again.
import type { JournalView } from '../../../src-shared/rpc/journal';

type Reopened = JournalView['reopened'];

export const journalReopened = (r: Reopened): boolean => r.some((x) => x.lessonId === null && x.pupilId === null);

/** A cell of a stored lesson: the journal or exactly this cell is reopened. */
export function cellReopened(r: Reopened, lessonId: number | null, pupilId: number | undefined): boolean {
  if (journalReopened(r)) return true;
  return lessonId !== null && pupilId !== undefined && r.some((x) => x.lessonId === lessonId && x.pupilId === pupilId);
}

/** A pupil's term (year, exam, final) mark: the journal or this pupil's mark is reopened. */
export function termMarkReopened(r: Reopened, pupilId: number): boolean {
  return journalReopened(r) || r.some((x) => x.lessonId === null && x.pupilId === pupilId);
}

/** «30.10.2026» from an ISO instant. */
export function dayOf(iso: string): string {
  return iso.slice(0, 10).split('-').reverse().join('.');
}
