// «Отчёт учителя» (issue 13): for a teacher and period — the load (group × subject × hours a
// week), lessons the timetable gave them against those held, substitutions given and received,
// КТП topics used, and the completeness of the journal month by month (the start page's own
// measure: overview/load.ts + tally.ts, not a second definition of it).
import { dotDate, schoolDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import { fullName, shortName } from '../../../src-shared/names';
import type { Completeness, Share } from '../../../src-shared/rpc/overview';
import type { TeacherRequest } from '../../../src-shared/reports/class-inputs';
import type { Report, ReportBlock, ReportCell, ReportColumn } from '../../../src-shared/reports/model';
import { count } from '../check-report/text';
import type { Actor, Ctx } from '../context';
import { fullNameIn } from '../forms/names';
import { monthsBetween } from '../overview/completeness';
import { loadYearFacts } from '../overview/load';
import { emptyCompleteness, tally } from '../overview/tally';
import { loadSettings } from '../school/settings';
import { loadSubstitutions, loadTeacherLines, type LoadLine, type Substitution } from './teacher-data';
import { sealReport } from './hash';
import { resolvePeriod, schoolName, staffPerson } from './results-scope';
import { seesAll } from './scope';

export const TEACHER_TITLE = 'Отчёт учителя';

const LESSON: [string, string, string] = ['урок', 'урока', 'уроков'];
const HOUR: [string, string, string] = ['час', 'часа', 'часов'];
const GROUP_IN: [string, string, string] = ['группе', 'группах', 'группах'];
const MONTHS = ['Сентябрь', 'Октябрь', 'Ноябрь', 'Декабрь', 'Январь', 'Февраль', 'Март', 'Апрель', 'Май', 'Июнь', 'Июль', 'Август'];

/** «4 часа», «1,5 часа» (a fraction takes the genitive singular), «5 часов». */
export function hoursRu(h: number): string {
  return Number.isInteger(h) ? count(h, HOUR) : `${String(h).replace('.', ',')} часа`;
}

const monthRu = (m: string) => `${MONTHS[(Number(m.slice(5, 7)) + 3) % 12]} ${m.slice(0, 4)}`;
const pct = (s: Share): number | null => (s.den === 0 ? null : (100 * s.num) / s.den);

function loadTable(lines: LoadLine[]): ReportBlock {
  const n = (title: string, width = 1): ReportColumn => ({ title, align: 'right', width });
  const rows: ReportCell[][] = lines.map((l) => [
    l.group,
    l.subject,
    l.hours,
    l.planned,
    l.held,
    l.replaced,
    l.planned - l.held - l.replaced,
    l.planTopics,
    l.planHours,
  ]);
  const t = lines.reduce((a, l) => ({ h: a.h + l.hours, p: a.p + l.planned, d: a.d + l.held, r: a.r + l.replaced, k: a.k + l.planTopics }), { h: 0, p: 0, d: 0, r: 0, k: 0 });
  return {
    kind: 'table',
    title: 'Нагрузка и проведённые уроки',
    columns: [
      { title: 'Класс (группа)', width: 1.6 },
      { title: 'Предмет', width: 2.4 },
      { ...n('Часов в неделю'), digits: lines.every((l) => Number.isInteger(l.hours)) ? 0 : 1 },
      n('По расписанию'),
      n('Проведено'),
      n('Заменён другим'),
      n('Не проведено'),
      n('С темой из КТП'),
      n('Часов в КТП'),
    ],
    rows,
    total: ['Итого', '', t.h, t.p, t.d, t.r, t.p - t.d - t.r, t.k, null],
  };
}

function substitutionTable(subs: Substitution[]): ReportBlock {
  return {
    kind: 'table',
    title: 'Замены',
    columns: [
      { title: 'Дата', width: 1 },
      { title: 'Урок', align: 'right', width: 0.6 },
      { title: 'Класс (группа)', width: 1.4 },
      { title: 'Предмет', width: 2.2 },
      { title: 'Замена', width: 1.6 },
      { title: 'Учитель', width: 2 },
    ],
    rows: subs.map((s) => [dotDate(s.date), s.slot, s.group, s.subject, s.given ? 'провёл вместо' : 'заменён учителем', s.other ? shortName(s.other) : '—']),
  };
}

function completenessTable(months: string[], cells: Completeness[], topicMinChars: number): ReportBlock {
  const total = emptyCompleteness();
  for (const c of cells) {
    total.held += c.held;
    for (const m of ['topic', 'homework', 'attendance', 'marks', 'onTime'] as const) {
      total[m].num += c[m].num;
      total[m].den += c[m].den;
    }
  }
  const row = (c: Completeness): ReportCell[] => [c.held, pct(c.topic), pct(c.homework), pct(c.attendance), pct(c.marks), pct(c.onTime)];
  const p = (title: string): ReportColumn => ({ title, align: 'right' });
  return {
    kind: 'table',
    title: `Заполнение журнала (тема — не короче ${count(topicMinChars, ['символа', 'символов', 'символов'])})`,
    columns: [{ title: 'Месяц', width: 1.6 }, { title: 'Проведено уроков', align: 'right' }, p('Темы, %'), p('Домашние задания, %'), p('Посещаемость, %'), p('Отметки от нормы, %'), p('Вовремя, %')],
    rows: months.map((m, i) => [monthRu(m), ...row(cells[i]!)]),
    total: ['За период', ...row(total)],
  };
}

export function buildTeacher(ctx: Ctx, actor: Actor, input: TeacherRequest): Report {
  // Checked before the teacher is looked up: a teacher cannot probe other staff ids.
  if (!seesAll(actor) && actor.staffId !== input.teacherId)
    throw new AppError('forbidden', 'Можно построить только свой отчёт учителя: выберите себя в списке учителей');
  const person = staffPerson(ctx, input.teacherId);
  if (!person) throw new AppError('not_found', 'Такого учителя нет: выберите учителя из списка');
  const period = resolvePeriod(ctx, input.period);
  const today = schoolDate(ctx.now());
  const cut = period.to < today ? period.to : today;
  const settings = loadSettings(ctx);

  const lines = loadTeacherLines(ctx, input.teacherId, period.yearId, period.from, period.to, cut);
  const subs = cut >= period.from ? loadSubstitutions(ctx, input.teacherId, period.from, cut) : [];
  const months = cut >= period.from ? monthsBetween(period.from, cut) : [];
  let cells: Completeness[] = [];
  if (months.length) {
    const facts = loadYearFacts(ctx.sqlite, period.yearId, period.from, cut, today, settings.check);
    cells = tally(months, facts.facts, facts.days, facts.timed, facts.expected).byTeacher.get(input.teacherId) ?? months.map(emptyCompleteness);
  }

  const hours = lines.reduce((a, l) => a + l.hours, 0);
  const planned = lines.reduce((a, l) => a + l.planned, 0);
  const held = lines.reduce((a, l) => a + l.held, 0);
  const replaced = lines.reduce((a, l) => a + l.replaced, 0);
  const given = subs.filter((s) => s.given).length;
  const withLoad = lines.filter((l) => l.hours > 0).length;
  const summary =
    `Нагрузка учителя ${fullNameIn(person, 'genitive')} — ${hoursRu(hours)} в неделю в ${count(withLoad, GROUP_IN)}. ` +
    (cut < period.from
      ? 'Период ещё не начался: уроки не считались.'
      : `По ${dotDate(cut)} по расписанию ${count(planned, LESSON)}, проведено ${count(held, LESSON)}, ` +
        `заменено другими учителями ${count(replaced, LESSON)}, проведено замен ${count(given, LESSON)}.`);
  const blocks: ReportBlock[] = [
    { kind: 'text', text: summary },
    loadTable(lines),
    ...(subs.length ? [substitutionTable(subs)] : []),
    ...(months.length ? [completenessTable(months, cells, settings.check.topicMinChars)] : []),
    {
      kind: 'text',
      text:
        'Уроки считаются по дату отчёта или конец периода. «По расписанию» — уроки, на которые учитель поставлен расписанием (без отменённых); ' +
        '«Проведено» — проведённые им самим; «Заменён другим» — проведённые другим учителем. Заполнение журнала считается так же, как на ' +
        'начальной странице: доля проведённых уроков с темой, с домашним заданием (или отметкой «без задания»), с отметками или пропусками; ' +
        'отметки — от нормы накопляемости; «вовремя» — записи, внесённые в срок по журналу изменений.',
    },
  ];
  const title = TEACHER_TITLE;
  const subtitle = [schoolName(ctx), `Учитель: ${fullName(person)}`, `Период: ${period.label}`];
  return sealReport({ title, subtitle, blocks, layout: 'landscape', fileBase: `otchet-uchitelya-${input.teacherId}-${period.from}_${period.to}` });
}
