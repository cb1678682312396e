// The school year (issue 11), part "columns". Same keys as columns.ru.ts.
import type { columnsRu } from './columns.ru';

export const columnsEn: { readonly [K in keyof typeof columnsRu]: string } = {
  'columns.title': 'Control works',
  'columns.add': 'Add a column',
  'columns.addPlaceholder': 'kind of work…',
  'columns.addOption': '{name} (weight {weight})',
  'columns.added': 'Column “{name}” added',
  'columns.heading': 'Lesson column: {name}',
  'columns.workType': "Column's kind of work",
  'columns.remove': 'Remove the column',
  'columns.removed': 'Column removed',
  'columns.absenceHint': "Absences are marked in the lesson's own column; here they show in grey.",
  'columns.askOne': 'Apply the kind of work “{name}” to {n} mark already entered?',
  'columns.askMany': 'Apply the kind of work “{name}” to {n} marks already entered?',
  'columns.askHint': 'Without this the kind of work does not change: the marks keep the old one.',
  'columns.apply': 'Apply',
  'columns.cancel': 'Cancel',
  'columns.applied': 'Kind of work applied to marks: {n}',
  'columns.headTitle': 'Control-work column: {name}',
};
