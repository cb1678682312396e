// The printed class journal (issue 13). Same keys as journalprint.ru.ts.
import type { journalPrintRu } from './journalprint.ru';

export const journalPrintEn: { readonly [K in keyof typeof journalPrintRu]: string } = {
  'jprint.tab': 'Journal and sheets',
  'jprint.button': 'Print',
  'jprint.title': 'Print journal pages',
  'jprint.period': 'What to print',
  'jprint.period.term': 'This period ({term})',
  'jprint.period.year': 'The whole school year',
  'jprint.period.dates': 'Pages for dates',
  'jprint.from': 'From',
  'jprint.to': 'To',
  'jprint.size': 'Paper',
  'jprint.size.A4': 'A4: left and right pages one after the other',
  'jprint.size.A3': 'A3 landscape: a spread on one sheet',
  'jprint.download': 'Download PDF',
  'jprint.busy': 'Preparing the PDF…',
  'jprint.close': 'Close',
  'jprint.dates.missing': 'Enter both dates',
  'jprint.dates.order': 'The end date is before the start date',
  'jprint.class.title': "The class's whole journal",
  'jprint.class.intro': "Every subject of the class for the school year as the paper journal: title page, contents, each subject's spreads and the monthly checks' remarks.",
  'jprint.class.pick': 'Class',
  'jprint.class.none': 'There is no class whose whole journal you may print.',
  'jprint.class.start': "Print the class's journal",
  'jprint.class.progress': '{done} of {total} done',
  'jprint.class.done': 'The journal is printed: the file is saved.',
};
