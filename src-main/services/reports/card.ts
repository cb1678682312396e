// The pupil's report card («табель успеваемости»): per subject the term marks (the chosen study
// period, or every period with the year, exam and final marks), the current marks of the date
// range, their weighted average and the lessons missed; the absences in a sentence, the marks
// over time as a line chart, the class teacher's signature line. A whole class is one pupil per
// page. Scope: deputy and director any class; the class teacher their own; nobody else.
import { weightedAverage } from '../../../src-shared/journal/average';
import { roundTo } from '../../../src-shared/reports/format';
import type { Report, ReportBlock, ReportChart, ReportColumn } from '../../../src-shared/reports/model';
import type { CardRequest } from '../../../src-shared/reports/requests';
import { periodRu } from '../check-report/text';
import type { Actor, Ctx } from '../context';
import { loadCard, type CardData, type CardPupilData } from './card-data';
import { absenceLine, asciiLabel, CARD_TITLE, pupilLine, shortDate, signatureLine, termColumn, termName } from './card-text';
import { sealReport } from './hash';
import { assertWholeClass } from './scope';

const DIGIT = /^[1-5]$/;

/** Per date, the mean of the day's digit marks, and the running weighted average up to that day. */
export function marksOverTime(marks: { date: string; value: string; weight: number }[]): ReportChart | null {
  const digits = marks.filter((m) => DIGIT.test(m.value)).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (!digits.length) return null;
  // One pass in date order: the day's plain mean, and the running weighted sums (a year has ~150 dates, ~600 marks).
  const dates: string[] = [];
  const day: (number | null)[] = [];
  const running: (number | null)[] = [];
  let sum = 0;
  let weights = 0;
  for (let i = 0; i < digits.length; ) {
    const date = digits[i]!.date;
    let daySum = 0;
    let dayCount = 0;
    for (; i < digits.length && digits[i]!.date === date; i++) {
      const v = Number(digits[i]!.value);
      daySum += v;
      dayCount++;
      sum += v * digits[i]!.weight;
      weights += digits[i]!.weight;
    }
    dates.push(date);
    day.push(roundTo(daySum / dayCount, 2));
    running.push(weights > 0 ? roundTo(sum / weights, 2) : null);
  }
  return {
    kind: 'chart',
    chart: 'line',
    title: 'Отметки по датам',
    categoryTitle: 'Дата',
    categories: dates.map(shortDate),
    series: [
      { name: 'Средняя отметка за день', values: day },
      { name: 'Средний балл с начала периода', values: running },
    ],
    max: 5,
  };
}

function pupilBlocks(d: CardData, p: CardPupilData): ReportBlock[] {
  const columns: ReportColumn[] = [
    { title: 'Предмет', width: d.term ? 3.2 : 2.6 },
    ...d.columns.map((t): ReportColumn => ({ title: termColumn(t), width: d.term ? 1 : 0.6, align: 'center' })),
    { title: 'Текущие отметки', width: d.term ? 5 : 4.5 },
    { title: 'Средний балл', width: 1.3, align: 'right', digits: 2 },
    { title: 'Пропущено уроков', width: 1.5, align: 'right' },
  ];
  const rows = p.subjects.map((s) => [
    s.name,
    ...d.columns.map((t) => s.termMarks.get(t.id) ?? null),
    s.marks.map((m) => m.value).join(' '),
    weightedAverage(s.marks),
    s.missed,
  ]);
  const total = ['Итого', ...d.columns.map(() => null), null, weightedAverage(p.subjects.flatMap((s) => s.marks)), p.subjects.reduce((a, s) => a + s.missed, 0)];
  const chart = marksOverTime(p.subjects.flatMap((s) => s.marks));
  return [
    { kind: 'text', text: pupilLine(p.pupil, d.cls.label), style: 'heading' },
    p.subjects.length
      ? { kind: 'table', columns, rows, total }
      : { kind: 'text', text: 'Предметов и отметок за этот период нет.' },
    { kind: 'text', text: absenceLine(p.absences, d.from, d.to) },
    chart ?? { kind: 'text', text: 'Отметок за этот период нет.' },
    { kind: 'text', text: signatureLine(d.classTeacher), style: 'signature' },
  ];
}

export function cardReport(d: CardData): Omit<Report, 'sha256'> {
  const blocks: ReportBlock[] = [];
  d.pupils.forEach((p, i) => {
    if (i > 0) blocks.push({ kind: 'break' });
    blocks.push(...pupilBlocks(d, p));
  });
  if (!d.pupils.length) blocks.push({ kind: 'text', text: `В ${d.cls.label} классе в этот период не было учеников.` });
  const who = d.pupils.length === 1 ? `-${d.pupils[0]!.pupil.id}` : '';
  return {
    title: CARD_TITLE,
    subtitle: [
      d.school,
      `${d.cls.label} класс, ${termName(d.term, d.cls.yearLabel)}`,
      `Текущие отметки и пропуски ${periodRu(d.from, d.to)}`,
    ].filter(Boolean),
    blocks,
    layout: 'portrait',
    fileBase: `tabel-${asciiLabel(d.cls.label)}${who}-${d.from}_${d.to}`,
  };
}

export function buildCard(ctx: Ctx, actor: Actor, req: CardRequest): Report {
  const cls = assertWholeClass(ctx, actor, req.classId, 'Табель успеваемости');
  return sealReport(cardReport(loadCard(ctx, cls, req)));
}
