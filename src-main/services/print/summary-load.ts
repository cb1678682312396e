// The summary sheet's source data («сводная ведомость учёта успеваемости»): pupils × subjects ×
// the grade's periods (quarters, halves or trimesters, then the year, the exam and the final
// mark where the grade has them), read from term_mark, and each pupil's promotion decision from
// pupil_decision. One synchronous pass of SQL; plain JSON, so its sha256 is the printed data's.
import { dotDate } from '../../../src-shared/dates';
import type { TermKind } from '../../../src-shared/domain';
import type { Services } from '../context';
import { prep } from '../sql';
import { leftOn, loadSheetClass, loadSheetPupils, type SheetClass } from './summary-class';

export interface SummaryPeriod {
  kind: TermKind;
  number: number;
  /** The column's short heading: «1 ч.», «2 п/г», «год», «экз.», «итог.». */
  label: string;
}

export interface SummarySubject {
  name: string;
  short: string;
}

export interface SummaryPupil {
  no: number;
  name: string;
  /** marks[subject][period]: the mark as written ('' where none); two groups' marks as «4/5». */
  marks: string[][];
  /** «переведена в 6 класс (педсовет № 5 от 28.05.2027)», «выбыл 15.11.2026», or '' while undecided. */
  decision: string;
}

export interface SummarySheetData {
  kind: 'summary';
  cls: SheetClass;
  periods: SummaryPeriod[];
  subjects: SummarySubject[];
  pupils: SummaryPupil[];
}

const PERIOD_LABEL: Record<TermKind, (n: number) => string> = {
  quarter: (n) => `${n} ч.`,
  half: (n) => `${n} п/г`,
  trimester: (n) => `${n} тр.`,
  year: () => 'год',
  exam: () => 'экз.',
  final: () => 'итог.',
};

/** The legend of the period headings, printed under the sheet. */
export const PERIOD_LEGEND = 'ч. — четверть, п/г — полугодие, тр. — триместр, год — годовая, экз. — экзаменационная, итог. — итоговая отметка';

type Decision = 'promoted' | 'conditional' | 'repeats' | 'graduates' | 'leaves';

/** The decision in the pupil's gender; «(а)» where the name does not tell it. */
export function decisionRu(d: Decision, gender: 'male' | 'female' | null, toGrade: number | null): string {
  const g = (m: string, f: string) => (gender === 'female' ? f : gender === 'male' ? m : `${m}(а)`);
  const to = toGrade ? ` в ${toGrade} класс` : '';
  switch (d) {
    case 'promoted':
      return `${g('переведён', 'переведена')}${to}`;
    case 'conditional':
      return `${g('переведён', 'переведена')} условно${to}`;
    case 'repeats':
      return `${g('оставлен', 'оставлена')} на повторное обучение`;
    case 'graduates':
      return g('выпущен', 'выпущена');
    case 'leaves':
      return g('выбыл', 'выбыла');
  }
}

interface TermRow {
  id: number;
  kind: TermKind;
  number: number;
}

interface MarkRow {
  pupil_id: number;
  subject_id: number;
  term_id: number;
  value: string;
}

interface DecisionRow {
  pupil_id: number;
  decision: Decision;
  council_number: string;
  council_date: string;
  to_grade: number | null;
  from_grade: number;
}

export function loadSummarySheet(s: Services, classId: number): SummarySheetData {
  const cls = loadSheetClass(s, classId);
  const pupils = loadSheetPupils(s, classId);
  const terms = prep(
    s.sqlite,
    `SELECT id, kind, number FROM term WHERE year_id = ? AND ? BETWEEN grade_from AND grade_to
      ORDER BY CASE kind WHEN 'year' THEN 1 WHEN 'exam' THEN 2 WHEN 'final' THEN 3 ELSE 0 END, starts_on, number`,
  ).all(cls.yearId, cls.grade) as TermRow[];
  const termIndex = new Map(terms.map((t, i) => [t.id, i]));
  // Driven by the class's pupils (term_mark's pupil index), not a scan of every term mark.
  const marks = prep(
    s.sqlite,
    `SELECT tm.pupil_id, tm.subject_id, tm.term_id, tm.value FROM term_mark tm JOIN study_group g ON g.id = tm.group_id
      WHERE tm.pupil_id IN (SELECT pupil_id FROM enrolment WHERE class_id = ?) AND g.class_id = ?
      ORDER BY tm.group_id`,
  ).all(classId, classId) as MarkRow[];
  const subjectRows = prep(
    s.sqlite,
    `SELECT id, name, short_name FROM subject WHERE id IN (
       SELECT tl.subject_id FROM teaching_load tl JOIN study_group g ON g.id = tl.group_id WHERE g.class_id = ? AND tl.draft = 0
       UNION SELECT tm.subject_id FROM term_mark tm JOIN study_group g ON g.id = tm.group_id
        WHERE tm.pupil_id IN (SELECT pupil_id FROM enrolment WHERE class_id = ?) AND g.class_id = ?)
      ORDER BY id`,
  ).all(classId, classId, classId) as { id: number; name: string; short_name: string }[];
  const subjectIndex = new Map(subjectRows.map((r, i) => [r.id, i]));
  const decisions = new Map(
    (
      prep(
        s.sqlite,
        `SELECT d.pupil_id, d.decision, d.council_number, d.council_date, t.grade AS to_grade, f.grade AS from_grade
           FROM pupil_decision d JOIN class_unit f ON f.id = d.from_class_id LEFT JOIN class_unit t ON t.id = d.to_class_id
          WHERE d.year_id = ? AND d.from_class_id = ?`,
      ).all(cls.yearId, classId) as DecisionRow[]
    ).map((d) => [d.pupil_id, d]),
  );

  const grid = new Map<number, string[][][]>();
  for (const p of pupils) grid.set(p.pupilId, subjectRows.map(() => terms.map(() => [])));
  for (const m of marks) {
    const t = termIndex.get(m.term_id);
    const sj = subjectIndex.get(m.subject_id);
    const cell = t === undefined || sj === undefined ? undefined : grid.get(m.pupil_id)?.[sj]?.[t];
    if (cell && !cell.includes(m.value)) cell.push(m.value);
  }
  return {
    kind: 'summary',
    cls,
    periods: terms.map((t) => ({ kind: t.kind, number: t.number, label: PERIOD_LABEL[t.kind](t.number) })),
    subjects: subjectRows.map((r) => ({ name: r.name, short: r.short_name || r.name })),
    pupils: pupils.map((p) => {
      const d = decisions.get(p.pupilId);
      let decision = '';
      if (d) {
        const toGrade = d.decision === 'promoted' || d.decision === 'conditional' ? (d.to_grade ?? d.from_grade + 1) : null;
        const council = [d.council_number && `№ ${d.council_number}`, d.council_date && `от ${dotDate(d.council_date)}`].filter(Boolean).join(' ');
        decision = decisionRu(d.decision, p.gender, toGrade) + (council ? ` (педсовет ${council})` : '');
      } else {
        const left = leftOn(p.stays, cls.yearEnds);
        if (left) decision = `${decisionRu('leaves', p.gender, null)} ${dotDate(left)}`;
      }
      return { no: p.no, name: p.name, marks: grid.get(p.pupilId)!.map((sj) => sj.map((c) => c.join('/'))), decision };
    }),
  };
}
