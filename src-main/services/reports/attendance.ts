// «Посещаемость» (issue 13): per class and period, lessons missed per pupil by reason, the
// excused and unexcused totals, days missed, and the class total; for the whole school a row
// per class. A teacher sees only the lessons of their own journals (no days: a day's other
// lessons are not theirs to count).
import { dotDate } from '../../../src-shared/dates';
import { fullName, shortName } from '../../../src-shared/names';
import type { AttendanceRequest } from '../../../src-shared/reports/class-inputs';
import type { Report, ReportBlock, ReportCell, ReportColumn } from '../../../src-shared/reports/model';
import type { Actor, Ctx } from '../context';
import { fullNameIn } from '../forms/names';
import { loadAttendance, type AttendancePupil } from './attendance-data';
import { sealReport } from './hash';
import { asciiClass, resolveClassScope, schoolName, staffPerson, type ClassScope } from './results-scope';

export const ATTENDANCE_TITLE = 'Посещаемость';

export const ATTENDANCE_TEXT =
  'Считаются пропуски проведённых уроков за период: «б» — по болезни, «у» — по уважительной причине, ' +
  '«п» — без уважительной причины, «н» — причина ещё не указана (до её указания пропуск считается неуважительным). ' +
  'Уважительные — «б» и «у»; неуважительные — «п» и «н». Опоздания («оп») показаны отдельно и в пропуски не входят. ' +
  'Дней пропущено — учебные дни, в которые ученик пропустил все проведённые уроки своих групп.';

const byRu = (a: string, b: string) => a.localeCompare(b, 'ru', { numeric: true });

interface Sums {
  б: number;
  у: number;
  п: number;
  н: number;
  оп: number;
  days: number | null;
}

const sum = (ps: readonly AttendancePupil[]): Sums => {
  const t: Sums = { б: 0, у: 0, п: 0, н: 0, оп: 0, days: ps.some((p) => p.days === null) ? null : 0 };
  for (const p of ps) {
    for (const r of ['б', 'у', 'п', 'н', 'оп'] as const) t[r] += p.byReason[r];
    if (t.days !== null) t.days += p.days ?? 0;
  }
  return t;
};

/** б, у, п, н, всего, уважительные, неуважительные, оп[, дней] */
function cells(t: Sums, withDays: boolean): ReportCell[] {
  const out: ReportCell[] = [t.б, t.у, t.п, t.н, t.б + t.у + t.п + t.н, t.б + t.у, t.п + t.н, t.оп];
  if (withDays) out.push(t.days);
  return out;
}

function reasonColumns(withDays: boolean): ReportColumn[] {
  const n = (title: string, width = 0.7): ReportColumn => ({ title, align: 'right', width });
  return [n('б'), n('у'), n('п'), n('н'), n('Всего', 0.9), n('Уважит.', 1.1), n('Неуважит.', 1.3), n('оп'), ...(withDays ? [n('Дней', 0.9)] : [])];
}

function pupilLabel(p: AttendancePupil): string {
  const notes = [p.joined ? `с ${dotDate(p.joined)}` : null, p.left ? `по ${dotDate(p.left)}` : null].filter(Boolean);
  return notes.length ? `${fullName(p.person)} (${notes.join(' ')})` : fullName(p.person);
}

function chart(t: Sums, title: string): ReportBlock {
  return {
    kind: 'chart',
    chart: 'bars',
    title,
    categories: ['По болезни', 'Уважительная', 'Без уважительной', 'Не указана'],
    series: [{ name: 'Уроков пропущено', values: [t.б, t.у, t.п, t.н] }],
  };
}

function classBlocks(scope: ClassScope, pupils: AttendancePupil[]): ReportBlock[] {
  const withDays = scope.journals === null;
  const sorted = [...pupils].sort((a, b) => byRu(fullName(a.person), fullName(b.person)));
  const total = sum(sorted);
  return [
    {
      kind: 'table',
      title: 'Пропуски уроков по ученикам',
      columns: [{ title: '№', width: 0.7 }, { title: 'Ученик', width: 4 }, ...reasonColumns(withDays)],
      rows: sorted.map((p, i) => [i + 1, pupilLabel(p), ...cells(sum([p]), withDays)]),
      total: ['Итого', '', ...cells(total, withDays)],
    },
    chart(total, `Пропуски по причинам, ${scope.classes[0]!.name} класс`),
  ];
}

function schoolBlocks(scope: ClassScope, pupils: AttendancePupil[]): ReportBlock[] {
  const total = sum(pupils);
  const perPupil = (t: Sums, n: number) => (n === 0 ? null : (t.б + t.у + t.п + t.н) / n);
  const rows = scope.classes.map((c) => {
    const ps = pupils.filter((p) => p.classId === c.id);
    const t = sum(ps);
    return [c.name, c.teacher ? shortName(c.teacher) : '—', ps.length, ...cells(t, true), perPupil(t, ps.length)];
  });
  return [
    {
      kind: 'table',
      title: 'Пропуски уроков по классам',
      columns: [
        { title: 'Класс', width: 0.8 },
        { title: 'Классный руководитель', width: 2.4 },
        { title: 'Учеников', align: 'right', width: 0.9 },
        ...reasonColumns(true),
        { title: 'На ученика', align: 'right', digits: 1, width: 0.9 },
      ],
      rows,
      total: ['Итого по школе', '', pupils.length, ...cells(total, true), perPupil(total, pupils.length)],
    },
    chart(total, 'Пропуски по причинам, вся школа'),
  ];
}

export function buildAttendance(ctx: Ctx, actor: Actor, input: AttendanceRequest): Report {
  const scope = resolveClassScope(ctx, actor, input, 'Посещаемость');
  const pupils = loadAttendance(ctx, scope);
  const p = scope.period;
  const subtitle = [schoolName(ctx)];
  if (scope.classId === null) subtitle.push('Все классы школы');
  else {
    const c = scope.classes[0]!;
    subtitle.push(`${c.name} класс${c.teacher ? `, классный руководитель ${fullName(c.teacher)}` : ''}`);
  }
  subtitle.push(`Период: ${p.label}`);
  if (scope.journals !== null) {
    const me = staffPerson(ctx, actor.staffId)!;
    subtitle.push(`Только уроки учителя ${fullNameIn(me, 'genitive')}`);
  }
  const blocks: ReportBlock[] = [
    { kind: 'text', text: ATTENDANCE_TEXT },
    ...(scope.classId === null ? schoolBlocks(scope, pupils) : classBlocks(scope, pupils)),
  ];
  const title = ATTENDANCE_TITLE;
  const who = scope.classId === null ? 'shkola' : asciiClass(scope.classes[0]!.name);
  return sealReport({ title, subtitle, blocks, layout: 'landscape', fileBase: `poseshchaemost-${who}-${p.from}_${p.to}` });
}
