// The period and the class scope of «Итоги успеваемости» and «Посещаемость» (issue 13): who may
// build which report (PRINT.md: deputy and director the whole school, a class teacher their own
// class, a teacher only the journals of their own load). The rights are checked from the
// caller's own rows before the class is looked up, so a refusal never tells whether a class exists.
import { schoolFullName } from '../forms/school';
import { AppError } from '../../../src-shared/errors';
import type { PersonName } from '../../../src-shared/names';
import type { ClassReportInput, ReportPeriod } from '../../../src-shared/reports/class-inputs';
import type { TermKind } from '../../../src-shared/domain';
import type { Actor, Ctx } from '../context';
import { periodRu } from '../check-report/text';
import { prep } from '../sql';
import { seesAll } from './scope';

export interface Period {
  from: string;
  to: string;
  yearId: number;
  yearLabel: string;
  /** The term chosen (term marks are its results); null for a date range (current marks). */
  term: { id: number; kind: TermKind; number: number; gradeFrom: number; gradeTo: number } | null;
  /** «I четверть 2026/2027 учебного года (с 1 сентября по 24 октября 2026 г.)», «с 1 по 30 ноября 2026 г.» */
  label: string;
}

export interface ClassInfo {
  id: number;
  name: string;
  grade: number;
  teacher: PersonName | null;
}

export interface ClassScope {
  period: Period;
  /** Null: the whole school (a row per class). */
  classId: number | null;
  classes: ClassInfo[];
  /** Null: every journal of the classes; else only these «groupId:subjectId» (a teacher's own load). */
  journals: Set<string> | null;
}


const ROMAN = ['I', 'II', 'III', 'IV'];
const KIND_RU: Record<TermKind, string> = {
  quarter: 'четверть',
  half: 'полугодие',
  trimester: 'триместр',
  year: 'учебный год',
  exam: 'экзамен',
  final: 'итоговые отметки',
};

/** «I четверть», «II полугодие», «Учебный год». */
export function termName(kind: TermKind, n: number): string {
  if (kind === 'quarter' || kind === 'half' || kind === 'trimester') return `${ROMAN[n - 1] ?? n} ${KIND_RU[kind]}`;
  const s = KIND_RU[kind];
  return s[0]!.toUpperCase() + s.slice(1);
}

interface TermDbRow {
  id: number;
  year_id: number;
  label: string;
  kind: TermKind;
  number: number;
  starts_on: string;
  ends_on: string;
  grade_from: number;
  grade_to: number;
}

export function resolvePeriod(ctx: Ctx, p: ReportPeriod): Period {
  if (p.kind === 'term') {
    const t = prep(
      ctx.sqlite,
      `SELECT t.id, t.year_id, y.label, t.kind, t.number, t.starts_on, t.ends_on, t.grade_from, t.grade_to
         FROM term t JOIN school_year y ON y.id = t.year_id WHERE t.id = ?`,
    ).get(p.termId) as TermDbRow | undefined;
    if (!t) throw new AppError('not_found', 'Такого учебного периода нет: выберите период из списка');
    return {
      from: t.starts_on,
      to: t.ends_on,
      yearId: t.year_id,
      yearLabel: t.label,
      term: { id: t.id, kind: t.kind, number: t.number, gradeFrom: t.grade_from, gradeTo: t.grade_to },
      label: `${termName(t.kind, t.number)} ${t.label} учебного года (${periodRu(t.starts_on, t.ends_on)})`,
    };
  }
  const y = prep(ctx.sqlite, 'SELECT id, label FROM school_year WHERE starts_on <= ? AND ends_on >= ? ORDER BY starts_on DESC LIMIT 1').get(
    p.from,
    p.to,
  ) as { id: number; label: string } | undefined;
  if (!y)
    throw new AppError('validation', 'Период должен лежать внутри одного учебного года: выберите даты заново', [
      { path: ['period', 'to'], message: 'Период выходит за границы учебного года' },
    ]);
  return { from: p.from, to: p.to, yearId: y.id, yearLabel: y.label, term: null, label: periodRu(p.from, p.to) };
}

interface ClassDbRow {
  id: number;
  year_id: number;
  grade: number;
  letter: string;
  surname: string | null;
  name: string | null;
  patronymic: string | null;
}

const CLASS_SQL = `SELECT c.id, c.year_id, c.grade, c.letter, p.surname, p.name, p.patronymic
  FROM class_unit c LEFT JOIN staff_user u ON u.id = c.class_teacher_id LEFT JOIN person p ON p.id = u.person_id`;

const classInfo = (r: ClassDbRow): ClassInfo => ({
  id: r.id,
  name: `${r.grade}${r.letter}`,
  grade: r.grade,
  teacher: r.surname === null ? null : { surname: r.surname, name: r.name ?? '', patronymic: r.patronymic },
});

const inTerm = (p: Period, grade: number) => p.term === null || (grade >= p.term.gradeFrom && grade <= p.term.gradeTo);

/**
 * The classes and journals the caller may see in this report. `what` names the report in the
 * refusal («итоги успеваемости», «посещаемость»).
 */
export function resolveClassScope(ctx: Ctx, actor: Actor, input: ClassReportInput, what: string): ClassScope {
  const all = seesAll(actor);
  if (input.classId === null && !all)
    throw new AppError('forbidden', `${what} по всей школе строят заместитель директора и директор: выберите свой класс`);
  let journals: Set<string> | null = null;
  if (input.classId !== null && !all && !prep(ctx.sqlite, 'SELECT 1 FROM class_unit WHERE id = ? AND class_teacher_id = ?').get(input.classId, actor.staffId)) {
    // A subject teacher: only the group × subject journals of their own load in the period.
    const period = resolvePeriod(ctx, input.period);
    const own = prep(
      ctx.sqlite,
      `SELECT DISTINCT tl.group_id || ':' || tl.subject_id FROM teaching_load tl JOIN study_group g ON g.id = tl.group_id
        WHERE g.class_id = ? AND tl.teacher_id = ? AND tl.draft = 0 AND tl.valid_from <= ? AND (tl.valid_to IS NULL OR tl.valid_to >= ?)`,
    )
      .pluck()
      .all(input.classId, actor.staffId, period.to, period.from) as string[];
    if (own.length === 0 || !(actor.roles.includes('teacher') || actor.roles.includes('classTeacher')))
      throw new AppError('forbidden', `${what}: можно выбрать свой класс или класс, где вы ведёте предмет в этом периоде`);
    journals = new Set(own);
  }
  const period = resolvePeriod(ctx, input.period);
  if (input.classId === null) {
    const classes = (prep(ctx.sqlite, `${CLASS_SQL} WHERE c.year_id = ? ORDER BY c.grade, c.letter`).all(period.yearId) as ClassDbRow[])
      .filter((c) => inTerm(period, c.grade))
      .map(classInfo);
    return { period, classId: null, classes, journals };
  }
  const c = prep(ctx.sqlite, `${CLASS_SQL} WHERE c.id = ?`).get(input.classId) as ClassDbRow | undefined;
  if (!c) throw new AppError('not_found', 'Такого класса нет: выберите класс из списка');
  const info = classInfo(c);
  if (c.year_id !== period.yearId)
    throw new AppError('validation', `Класс ${info.name} учится в другом учебном году: выберите период его года`, [
      { path: ['period'], message: 'Период не из учебного года класса' },
    ]);
  if (!inTerm(period, c.grade))
    throw new AppError('validation', `${period.label.split(' (')[0]} не относится к ${c.grade} классу: выберите период, по которому учится класс`, [
      { path: ['period'], message: 'Этот период не для параллели класса' },
    ]);
  return { period, classId: c.id, classes: [info], journals };
}

/** A staff member's name (null: no such staff). */
export function staffPerson(ctx: Ctx, staffId: number): PersonName | null {
  return (
    (prep(ctx.sqlite, 'SELECT p.surname, p.name, p.patronymic FROM staff_user u JOIN person p ON p.id = u.person_id WHERE u.id = ?').get(staffId) as
      | PersonName
      | undefined) ?? null
  );
}

/** The school's name for the title lines (the full name once the forms part adds it). */
export const schoolName = (ctx: Ctx) => schoolFullName(ctx);

/** ASCII-only file name part: «5A», «2026-09-01_2026-10-24». */
export function asciiClass(name: string): string {
  const map: Record<string, string> = { А: 'A', Б: 'B', В: 'V', Г: 'G', Д: 'D', Е: 'E', Ж: 'Zh', З: 'Z', И: 'I', К: 'K', Л: 'L', М: 'M', Н: 'N', О: 'O', П: 'P', Р: 'R', С: 'S', Т: 'T', У: 'U', Ф: 'F', Х: 'H', Э: 'E', Ю: 'Yu', Я: 'Ya' };
  return [...name].map((ch) => map[ch.toUpperCase()] ?? (/[A-Za-z0-9-]/.test(ch) ? ch : '')).join('');
}
