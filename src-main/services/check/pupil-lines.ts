// Each pupil's line in a journal for the term rules (R7, R8, R11, R12, R15, issue 12): the
// journal's held lessons while the pupil was in the group, with absences and mark counts.
import { inStays, isAbsent, type Membership, type TermData, type TermJournal } from './data-terms';

/**
 * A pupil's lessons in one journal: the held lessons (units) while in the group, each with
 * whether the pupil was absent and how many marks they got there (lesson and its columns;
 * «осв» not counted but makes the pupil exempt). Before the period marks are not loaded (0).
 * Built once per journal and shared by R7, R8, R11, R12, R15.
 */
export interface PupilLine {
  pupilId: number;
  stays: Membership[];
  exempt: boolean;
  /** The line's lessons, k = 0 … length - 1 (read with unitAt, absentAt, marksAt). */
  length: number;
  /** Lesson k is the journal's unit units[first + k] (ascending)… */
  units: Int32Array;
  first: number;
  /** …with absent[cell + k] (1 absent; late is present) and marks[cell + k] (the pupil's marks there). */
  absent: Uint8Array;
  marks: Uint16Array;
  cell: number;
}

/** The index into the journal's units of the line's lesson k. */
export const unitAt = (line: PupilLine, k: number): number => line.units[line.first + k]!;
/** Was the pupil absent at the line's lesson k (late is present)? */
export const absentAt = (line: PupilLine, k: number): boolean => line.absent[line.cell + k] === 1;
/** The pupil's marks at the line's lesson k. */
export const marksAt = (line: PupilLine, k: number): number => line.marks[line.cell + k]!;

const lineCache = new WeakMap<TermJournal, PupilLine[]>();
const groupIndex = new WeakMap<Map<number, Membership[]>, { pupils: number[]; index: Map<number, number> }>();

export function pupilLines(d: TermData, j: TermJournal): PupilLine[] {
  const cached = lineCache.get(j);
  if (cached) return cached;
  const out: PupilLine[] = [];
  const group = d.members.get(j.groupId);
  if (group) {
    const n = j.units.length;
    // One pupil index per group (a group has a journal per subject).
    let gi = groupIndex.get(group);
    if (!gi) {
      const pupils = [...group.keys()];
      groupIndex.set(group, (gi = { pupils, index: new Map(pupils.map((p, i) => [p, i])) }));
    }
    const { pupils, index } = gi;
    // Per pupil and lesson, one flat array each per journal (pupil-major): whether an absence
    // record decided the lesson (the first of its columns does), absent (late is present), marks
    // counted without «осв». A line is a view of its pupil's row: no array per pupil.
    const decided = new Uint8Array(pupils.length * n);
    const absent = new Uint8Array(pupils.length * n);
    const count = new Uint16Array(pupils.length * n);
    const exempt = new Uint8Array(pupils.length);
    // One pass over the journal's marks and absences (not pupils × lessons map look-ups).
    for (let u = 0; u < n; u++) {
      const unit = j.units[u]!;
      const withMarks = unit.lesson.date >= d.from;
      for (let c = -1; c < unit.parts.length; c++) {
        const l = c < 0 ? unit.lesson : unit.parts[c]!;
        const list = d.absences.get(l.id);
        if (list)
          for (const a of list) {
            const i = index.get(a.pupilId);
            if (i === undefined || decided[i * n + u]) continue;
            decided[i * n + u] = 1;
            if (isAbsent(a.reason)) absent[i * n + u] = 1;
          }
        const rows = withMarks ? d.marks.rows.get(l.id) : undefined;
        if (rows)
          for (let r = rows.start; r < rows.end; r++) {
            const i = index.get(d.marks.pupilId[r]!);
            if (i === undefined) continue;
            if (d.marks.value[r] === 'осв') exempt[i] = 1;
            else count[i * n + u]!++;
          }
      }
    }
    const units = new Int32Array(n);
    for (let u = 0; u < n; u++) units[u] = u;
    for (let i = 0; i < pupils.length; i++) {
      const stays = group.get(pupils[i]!)!;
      // A single open stay (the usual case): its lessons are the units from the first on or after
      // its start, the pupil's row of the journal's arrays from there (no array per pupil).
      if (stays.length === 1 && stays[0]!.to === null) {
        const start = stays[0]!.from;
        let first = 0;
        while (first < n && j.units[first]!.lesson.date < start) first++;
        if (first < n)
          out.push({
            pupilId: pupils[i]!,
            stays,
            exempt: exempt[i] === 1,
            length: n - first,
            units,
            first,
            absent,
            marks: count,
            cell: i * n + first,
          });
        continue;
      }
      const list: number[] = [];
      for (let u = 0; u < n; u++) if (inStays(stays, j.units[u]!.lesson.date)) list.push(u);
      if (!list.length) continue;
      out.push({
        pupilId: pupils[i]!,
        stays,
        exempt: exempt[i] === 1,
        length: list.length,
        units: Int32Array.from(list),
        first: 0,
        absent: Uint8Array.from(list, (u) => absent[i * n + u]!),
        marks: Uint16Array.from(list, (u) => count[i * n + u]!),
        cell: 0,
      });
    }
  }
  lineCache.set(j, out);
  return out;
}
