// The school year (issue 11), part "calendar". Same keys as calendar.ru.ts.
import type { calendarRu } from './calendar.ru';

export const calendarEn: { readonly [K in keyof typeof calendarRu]: string } = {
  'calendar.title': 'Calendar',
};
