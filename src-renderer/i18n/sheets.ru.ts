// Printed class-wide sheets (issue 13): the summary sheet and the attendance sheet panel. Spread into ru.ts; en must have exactly these keys (sheets.en.ts).
export const sheetsRu = {
  'sheets.title': 'Ведомости класса',
  'sheets.scope': 'Класс ({year} учебный год)',
  'sheets.wholeSchool': 'Вся школа',
  'sheets.summary': 'Сводная ведомость учёта успеваемости',
  'sheets.attendance': 'Учёт посещаемости',
  'sheets.attendancePerClass': 'Посещаемость печатается по классам: выберите класс.',
  'sheets.pdf': 'Скачать PDF',
  'sheets.xlsx': 'Скачать XLSX',
  'sheets.preparing': 'Готовим файл…',
  'sheets.none': 'Нет классов, ведомости которых вы можете напечатать: ведомости печатают заместитель директора, директор и классный руководитель своего класса.',
} as const;
