// Учебный год (issue 11), part "timetable". Spread into ru.ts; en must have exactly these keys (timetable.en.ts).
export const timetableRu = {
  'timetable.title': 'Расписание',
};
