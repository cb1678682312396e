// «Итоги успеваемости» (issue 13): per class and period, per subject and per teacher — pupils,
// assessed, 5/4/3/2/«н/а», quality and success percentages, the average, and the marks
// distribution as bars; for the whole school a row per class. Built from one synchronous read.
import { fullName, shortName, type PersonName } from '../../../src-shared/names';
import type { ResultsRequest } from '../../../src-shared/reports/class-inputs';
import type { Report, ReportBlock, ReportCell, ReportColumn } from '../../../src-shared/reports/model';
import type { Actor, Ctx } from '../context';
import { fullNameIn } from '../forms/names';
import { loadSettings } from '../school/settings';
import { loadResults, type Journal, type PupilResult } from './results-data';
import { sealReport } from './hash';
import { asciiClass, resolveClassScope, schoolName, staffPerson, type ClassScope } from './results-scope';
import { journalStats, pupilStats, statsCells, type Stats } from './results-stats';

export const RESULTS_TITLE = 'Итоги успеваемости';

const STATS_COLUMNS: ReportColumn[] = [
  { title: 'Учеников', align: 'right', width: 1.1 },
  { title: 'С отметкой', align: 'right', width: 1.1 },
  { title: '«5»', align: 'right', width: 0.6 },
  { title: '«4»', align: 'right', width: 0.6 },
  { title: '«3»', align: 'right', width: 0.6 },
  { title: '«2»', align: 'right', width: 0.6 },
  { title: 'н/а', align: 'right', width: 0.6 },
  { title: 'Качество, %', align: 'right', digits: 1, width: 1.3 },
  { title: 'Успеваемость, %', align: 'right', digits: 1, width: 1.7 },
  { title: 'Средний балл', align: 'right', digits: 2, width: 1.1 },
];

const byRu = (a: string, b: string) => a.localeCompare(b, 'ru', { numeric: true });

/** The definitions the numbers follow, printed as the report's first text block. */
export function definitionsText(termKind: string | null, threshold: number): string {
  const base =
    termKind !== null
      ? 'Результат ученика по предмету — его отметка за выбранный период из журнала.'
      : `Результат ученика по предмету — средний взвешенный балл его текущих отметок за период, округлённый по правилу школы (дробная часть от ${String(threshold).replace('.', ',')} — в большую сторону).`;
  return (
    `${base} Учеников — ученики группы, учившиеся в ней в периоде; с отметкой — получившие отметку от «1» до «5» или «н/а» ` +
    '(зачёт и освобождение в проценты не входят). Качество — доля учеников с «4» и «5» среди получивших отметку; ' +
    'успеваемость — доля учеников без «2» и «н/а» (в графе «2» учтены и «1»); средний балл — среднее отметок. ' +
    'В строке «Итого» отметки суммируются по всем предметам, а доли считаются по ученикам: ученик входит в качество, ' +
    'если все его отметки — «4» и «5», и в успеваемость, если среди них нет «2», «1» и «н/а».'
  );
}

function distribution(s: Stats, title: string): ReportBlock {
  return {
    kind: 'chart',
    chart: 'bars',
    title,
    categories: ['«5»', '«4»', '«3»', '«2»', 'н/а'],
    series: [{ name: 'Отметок', values: [s.c5, s.c4, s.c3, s.c2, s.na] }],
  };
}

const teachersOf = (js: readonly Journal[]) => {
  const seen = new Map<number, PersonName>();
  for (const j of js) for (const t of j.teachers) seen.set(t.id, t.person);
  return [...seen.values()].map(shortName).sort(byRu).join(', ');
};

function byPupil(results: readonly PupilResult[]): Map<number, (string | null)[]> {
  const out = new Map<number, (string | null)[]>();
  for (const r of results) {
    const list = out.get(r.pupilId) ?? [];
    list.push(r.value);
    out.set(r.pupilId, list);
  }
  return out;
}

const jkey = (groupId: number, subjectId: number) => `${groupId}:${subjectId}`;

function subjectTable(journals: readonly Journal[], results: readonly PupilResult[], withTeachers: boolean, total: ReportCell[] | undefined): ReportBlock {
  const bySubject = new Map<string, { journals: Journal[]; keys: Set<string> }>();
  for (const j of journals) {
    const e = bySubject.get(j.subject) ?? { journals: [], keys: new Set<string>() };
    e.journals.push(j);
    e.keys.add(jkey(j.groupId, j.subjectId));
    bySubject.set(j.subject, e);
  }
  const rows = [...bySubject]
    .sort(([a], [b]) => byRu(a, b))
    .map(([subject, e]) => {
      const s = journalStats(results.filter((r) => e.keys.has(jkey(r.groupId, r.subjectId))).map((r) => r.value));
      return withTeachers ? [subject, teachersOf(e.journals) || '—', ...statsCells(s)] : [subject, ...statsCells(s)];
    });
  const columns: ReportColumn[] = [{ title: 'Предмет', width: 2.2 }, ...(withTeachers ? [{ title: 'Учитель', width: 2 }] : []), ...STATS_COLUMNS];
  return { kind: 'table', title: 'По предметам', columns, rows, ...(total ? { total } : {}) };
}

function teacherTable(journals: readonly Journal[], results: readonly PupilResult[]): ReportBlock {
  const byTeacher = new Map<number, { person: PersonName; keys: Set<string>; subjects: Set<string> }>();
  for (const j of journals)
    for (const t of j.teachers) {
      const e = byTeacher.get(t.id) ?? { person: t.person, keys: new Set<string>(), subjects: new Set<string>() };
      e.keys.add(jkey(j.groupId, j.subjectId));
      e.subjects.add(j.group === '' ? j.subject : `${j.subject} (${j.group})`);
      byTeacher.set(t.id, e);
    }
  const rows = [...byTeacher.values()]
    .sort((a, b) => byRu(fullName(a.person), fullName(b.person)))
    .map((e) => [
      shortName(e.person),
      [...e.subjects].sort(byRu).join(', '),
      ...statsCells(journalStats(results.filter((r) => e.keys.has(jkey(r.groupId, r.subjectId))).map((r) => r.value))),
    ]);
  return { kind: 'table', title: 'По учителям', columns: [{ title: 'Учитель', width: 2 }, { title: 'Предметы (группы)', width: 2.2 }, ...STATS_COLUMNS], rows };
}

function classBlocks(scope: ClassScope, journals: Journal[], results: PupilResult[]): ReportBlock[] {
  const total = pupilStats(byPupil(results));
  return [
    subjectTable(journals, results, true, ['Итого по классу', '', ...statsCells(total)]),
    teacherTable(journals, results),
    distribution(total, `Распределение отметок, ${scope.classes[0]!.name} класс`),
  ];
}

function schoolBlocks(scope: ClassScope, journals: Journal[], results: PupilResult[]): ReportBlock[] {
  const total = pupilStats(byPupil(results));
  const rows = scope.classes.map((c) => [
    c.name,
    c.teacher ? shortName(c.teacher) : '—',
    ...statsCells(pupilStats(byPupil(results.filter((r) => r.classId === c.id)))),
  ]);
  return [
    {
      kind: 'table',
      title: 'По классам',
      columns: [{ title: 'Класс', width: 0.8 }, { title: 'Классный руководитель', width: 2.4 }, ...STATS_COLUMNS],
      rows,
      total: ['Итого', 'по школе', ...statsCells(total)],
    },
    subjectTable(journals, results, false, undefined),
    distribution(total, 'Распределение отметок по школе'),
  ];
}

export function buildResults(ctx: Ctx, actor: Actor, input: ResultsRequest): Report {
  const scope = resolveClassScope(ctx, actor, input, 'Итоги успеваемости');
  const { journals, results } = loadResults(ctx, scope);
  const threshold = loadSettings(ctx).markRoundingThreshold;
  const p = scope.period;
  const subtitle = [schoolName(ctx)];
  if (scope.classId === null) subtitle.push(`Все классы школы${p.term ? ', обучающиеся по этому периоду' : ''}`);
  else {
    const c = scope.classes[0]!;
    subtitle.push(`${c.name} класс${c.teacher ? `, классный руководитель ${fullName(c.teacher)}` : ''}`);
  }
  subtitle.push(`Период: ${p.label}`);
  if (scope.journals !== null) {
    const me = staffPerson(ctx, actor.staffId)!;
    subtitle.push(`Только предметы и группы учителя ${fullNameIn(me, 'genitive')}`);
  }
  subtitle.push(p.term ? 'По отметкам за период' : 'По текущим отметкам за период');
  const sortedJournals = [...journals].sort((a, b) => byRu(a.subject, b.subject) || byRu(a.group, b.group));
  const blocks: ReportBlock[] = [
    { kind: 'text', text: definitionsText(p.term?.kind ?? null, threshold) },
    ...(scope.classId === null ? schoolBlocks(scope, sortedJournals, results) : classBlocks(scope, sortedJournals, results)),
  ];
  const title = RESULTS_TITLE;
  const who = scope.classId === null ? 'shkola' : asciiClass(scope.classes[0]!.name);
  return sealReport({ title, subtitle, blocks, layout: 'landscape', fileBase: `itogi-${who}-${p.from}_${p.to}` });
}
