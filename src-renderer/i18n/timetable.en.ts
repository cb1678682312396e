// The school year (issue 11), part "timetable". Same keys as timetable.ru.ts.
import type { timetableRu } from './timetable.ru';

export const timetableEn: { readonly [K in keyof typeof timetableRu]: string } = {
  'timetable.title': 'Timetable',
};
