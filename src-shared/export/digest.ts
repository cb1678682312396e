// The canonical text both the school and the portal hash to compare a journal with the diary.
// Only what the diary shows counts: held flag, topic, homework, marks and absences.
// Hashing itself (sha256) is done by each side with its own crypto; this file has no Node.

export interface DigestLesson {
  id: number;
  date: string;
  slot: number;
  held: boolean;
  topic: string | null;
  homework: string | null;
}

export interface DigestCell {
  lessonId: number;
  pupil: string;
  marks: { value: string; workType: string }[];
  absence: string | null;
}

/** One line per lesson and per non-empty cell, in a fixed order. */
export function lessonLines(lesson: DigestLesson, cells: readonly DigestCell[]): string[] {
  const head = ['L', lesson.id, lesson.date, lesson.slot, lesson.held ? 1 : 0, lesson.topic ?? '', lesson.homework ?? ''].join('|');
  const body = cells
    .filter((c) => c.lessonId === lesson.id && (c.marks.length > 0 || c.absence))
    .map((c) => ['C', c.pupil, c.marks.map((m) => `${m.value}:${m.workType}`).join('/'), c.absence ?? ''].join('|'))
    .sort();
  return [head, ...body];
}
