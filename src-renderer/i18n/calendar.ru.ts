// Учебный год (issue 11), part "calendar". Spread into ru.ts; en must have exactly these keys (calendar.en.ts).
export const calendarRu = {
  'calendar.title': 'Календарь',
};
