// The report's Russian wording: numerals agreeing with their nouns, periods, names in the
// dative, remark states. Pure, so the grammar is tested without building a PDF.
import { RULES, type RuleId } from '../../../src-shared/check/rules';
import { formatRuDate } from '../../../src-shared/dates';
import type { PersonName } from '../../../src-shared/names';
import type { RemarkState, ReportData } from './data';

export const TITLE = 'Справка по итогам проверки электронного классного журнала';

/** The noun form after a number: 1 замечание, 2 замечания, 5 замечаний, 11 замечаний, 21 замечание. */
export function plural(n: number, forms: readonly [one: string, few: string, many: string]): string {
  const d = Math.abs(n) % 100;
  if (d >= 11 && d <= 14) return forms[2];
  const u = d % 10;
  return u === 1 ? forms[0] : u >= 2 && u <= 4 ? forms[1] : forms[2];
}

export const count = (n: number, forms: readonly [string, string, string]) => `${n} ${plural(n, forms)}`;

const RU_MONTHS_GEN = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** «с 1 по 30 ноября 2026 г.», «с 15 октября по 14 ноября 2026 г.», «с 21 декабря 2026 г. по 10 января 2027 г.» */
export function periodRu(from: string, to: string): string {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number, number];
  if (from === to) return formatRuDate(from);
  if (fy !== ty) return `с ${formatRuDate(from)} по ${formatRuDate(to)}`;
  if (fm !== tm) return `с ${fd} ${RU_MONTHS_GEN[fm - 1]} по ${formatRuDate(to)}`;
  return `с ${fd} по ${formatRuDate(to)}`;
}

/** «И. О. Фамилия» — the order under a signature line. */
export function initialsFirst(p: PersonName): string {
  const initials = [p.name, p.patronymic].filter((x): x is string => !!x).map((x) => `${x[0]}.`);
  return [...initials, p.surname].join(' ');
}

/** «Фамилия И. О.» */
export function surnameFirst(p: PersonName): string {
  const initials = [p.name, p.patronymic].filter((x): x is string => !!x).map((x) => `${x[0]}.`);
  return [p.surname, ...initials].join(' ');
}

// Short enough for one line of a table column: the full wording is in the teacher's page.
export const STATE_RU: Record<RemarkState, string> = {
  draft: 'не выдано',
  open: 'выдано',
  acknowledged: 'принято',
  fixed: 'исправлено',
  verified: 'подтверждено',
  overdue: 'просрочено',
};

export const ruleTitle = (r: RuleId) => RULES[r].ru;

/** The scope in one phrase: «все классы школы» or «классы 5А, 6Б; учителя: …; предметы: …». */
export function scopeRu(scope: ReportData['scope']): string {
  const parts: string[] = [];
  parts.push(
    scope.classes.length === 0 ? 'все классы' : `${scope.classes.length === 1 ? 'класс' : 'классы'} ${scope.classes.join(', ')}`,
  );
  if (scope.teachers.length > 0) parts.push(`${scope.teachers.length === 1 ? 'учитель' : 'учителя'} ${scope.teachers.join(', ')}`);
  if (scope.subjects.length > 0) parts.push(`${scope.subjects.length === 1 ? 'предмет' : 'предметы'} ${scope.subjects.map((s) => `«${s}»`).join(', ')}`);
  return parts.join('; ');
}

const FINDING: [string, string, string] = ['нарушение', 'нарушения', 'нарушений'];
const REMARK: [string, string, string] = ['замечание', 'замечания', 'замечаний'];
const TEACHER_GEN: [string, string, string] = ['учителя', 'учителей', 'учителей'];
const RULE_INSTR: [string, string, string] = ['правилу', 'правилам', 'правилам'];
const FALSE_ONES: [string, string, string] = ['срабатывание', 'срабатывания', 'срабатываний'];

export const PURPOSE =
  'Цель проверки: соблюдение единых требований к ведению электронного классного журнала — своевременность и полнота ' +
  'записи тем уроков и домашних заданий, учёт посещаемости, накопляемость и объективность отметок, выставление отметок ' +
  'за учебные периоды, соответствие записей журнала электронному дневнику.';

/** The «method» paragraph: automatic rules plus the deputy's own review, with its numbers. */
export function methodRu(d: ReportData, ruleCount: number): string {
  let s =
    `Метод проверки: автоматическая проверка записей журнала и журнала изменений по ${count(ruleCount, RULE_INSTR)} ` +
    'с последующим просмотром результатов заместителем директора';
  const extra: string[] = [];
  if (d.dismissed > 0)
    extra.push(`снято ${d.dismissed} ${plural(d.dismissed, ['ложное', 'ложных', 'ложных'])} ${plural(d.dismissed, FALSE_ONES)} (с указанием причины)`);
  if (d.manualRemarks > 0) extra.push(`добавлено ${count(d.manualRemarks, REMARK)} по итогам просмотра`);
  if (extra.length) s += `: ${extra.join('; ')}`;
  return `${s}.`;
}

/** «Выявлено 12 нарушений у 3 учителей; выдано 5 замечаний.» */
export function resultRu(d: ReportData): string {
  const teachers = d.table.filter((t) => t.teacherId !== null).length;
  if (d.findings === 0) return 'Нарушений не выявлено.';
  let s = `Выявлено ${count(d.findings, FINDING)}`;
  if (teachers > 0) s += ` у ${count(teachers, TEACHER_GEN)}`;
  const remarks = d.remarks.filter((r) => r.state !== 'draft').length;
  s += remarks > 0 ? `; выдано ${count(remarks, REMARK)}.` : '.';
  return s;
}

/** The re-check date: the one the deputy set, else the last remark's deadline (the rules re-run then). */
export function recheckOn(d: { check: ReportData['check']; remarks: ReportData['remarks'] }): string | null {
  if (d.check.recheckOn) return d.check.recheckOn;
  const deadlines = d.remarks.map((r) => r.deadline).sort();
  return deadlines.at(-1) ?? null;
}

/** A sentence's end: «… 2026 г.» already ends with its full stop. */
export const sentence = (s: string) => (s.endsWith('.') ? s : `${s}.`);

export { formatRuDate };
