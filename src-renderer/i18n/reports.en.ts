// The reports screen (issue 13). Same keys as reports.ru.ts.
import type { reportsRu } from './reports.ru';

export const reportsEn: { readonly [K in keyof typeof reportsRu]: string } = {
  'nav.reports': 'Reports',
  'reports.tab.card': 'Report card',
  'reports.class': 'Class',
  'reports.pupil': 'Pupil',
  'reports.wholeClass': 'Whole class',
  'reports.term': 'Period',
  'reports.wholeYear': 'School year',
  'reports.term.quarter': 'Quarter {n}',
  'reports.term.half': 'Half-year {n}',
  'reports.term.trimester': 'Trimester {n}',
  'reports.from': 'Marks and absences from',
  'reports.to': 'to',
  'reports.build': 'Build',
  'reports.preparing': 'Preparing the report…',
  'reports.problem.noClass': 'Choose a class.',
  'reports.problem.badDate': 'Enter the first and the last day of the period.',
  'reports.problem.reversed': 'The start is after the end: swap the dates.',
  'reports.problem.outsideYear': 'The dates must lie within the current school year.',
  'reports.card.hint':
    "A pupil's or the whole class's report card (one pupil per page): the term's or the year's marks, the current marks and absences of the chosen dates.",
  'reports.card.noClass': "The report card is made by the class's form teacher, the deputy head or the head.",
};
