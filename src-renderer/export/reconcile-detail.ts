// «Проверка дневника» details (issue 12): the differing lessons of one journal, each with what
// differs inside it — a lesson field or one pupil's cell, the journal's value and the diary's.
// Pure: ReconcileDetail renders it, tests/unit/reconcile-detail.test.ts checks it.
import type { MethodOutput } from '../../src-shared/rpc/registry';

type Journal = MethodOutput<'export.reconcile'>['journals'][number];
export type LessonDiff = Journal['lessons'][number];
export type CellDiff = Journal['cells'][number];

export interface DetailRow {
  lesson: LessonDiff;
  cells: CellDiff[];
}

/** Lessons in the answer's order; each lesson's field differences first, then pupils by name. */
export function detailRows(j: Pick<Journal, 'lessons' | 'cells'>): DetailRow[] {
  const byLesson = new Map<number, CellDiff[]>();
  for (const c of j.cells) byLesson.set(c.lessonId, [...(byLesson.get(c.lessonId) ?? []), c]);
  const rank = (c: CellDiff) => (c.field === 'cell' ? 1 : 0);
  return j.lessons.map((lesson) => ({
    lesson,
    cells: (byLesson.get(lesson.lessonId) ?? []).sort(
      (a, b) => rank(a) - rank(b) || (a.pupilName ?? '').localeCompare(b.pupilName ?? '', 'ru'),
    ),
  }));
}

/** The i18n key naming what differs: the field, or null for a pupil's cell (the name is shown). */
export function fieldKey(c: CellDiff): 'recon.field.held' | 'recon.field.topic' | 'recon.field.homework' | null {
  return c.field === 'cell' ? null : `recon.field.${c.field}`;
}

/** «12.11.2026, 2-й урок» — the slot only when known (an extra lesson's may be 0). */
export function lessonLabel(l: Pick<LessonDiff, 'date' | 'slot'>, numericDate: (d: string) => string): string {
  return l.slot > 0 ? `${numericDate(l.date)}, ${l.slot}-й урок` : numericDate(l.date);
}
