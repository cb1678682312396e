// The canonical text both the school and the portal hash to compare a journal with the diary.
// Only what the diary shows counts: held flag, topic, homework, marks and absences.
// Hashing itself (sha256) is passed in by each side (its own crypto): this file has no Node.
import type { Digest } from './package';

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

/**
 * The digest of one group × subject over [from, to]: lessons in that range sorted by (date,
 * slot, id); hash = sha256 of the per-lesson hashes joined by '\n' (sha256('') with no lessons);
 * marks = all marks of those lessons; absences = cells with an absence.
 */
export function buildDigest(
  pair: { groupId: number; subjectId: number },
  range: { from: string; to: string },
  lessons: readonly DigestLesson[],
  cells: readonly DigestCell[],
  sha256Hex: (text: string) => string,
): Digest {
  const inRange = lessons
    .filter((l) => l.date >= range.from && l.date <= range.to)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.slot - b.slot || a.id - b.id));
  const byLesson = new Map<number, DigestCell[]>();
  for (const c of cells) {
    const list = byLesson.get(c.lessonId);
    if (list) list.push(c);
    else byLesson.set(c.lessonId, [c]);
  }
  let marks = 0;
  let absences = 0;
  const perLesson = inRange.map((l) => {
    const own = byLesson.get(l.id) ?? [];
    for (const c of own) {
      marks += c.marks.length;
      if (c.absence) absences++;
    }
    return { lessonId: l.id, date: l.date, hash: sha256Hex(lessonLines(l, own).join('\n')) };
  });
  return {
    groupId: pair.groupId,
    subjectId: pair.subjectId,
    from: range.from,
    to: range.to,
    lessons: inRange.length,
    marks,
    absences,
    hash: sha256Hex(perLesson.map((p) => p.hash).join('\n')),
    perLesson,
  };
}
