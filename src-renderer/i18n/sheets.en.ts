// Printed class-wide sheets (issue 13). Same keys as sheets.ru.ts.
import type { sheetsRu } from './sheets.ru';

export const sheetsEn: { readonly [K in keyof typeof sheetsRu]: string } = {
  'sheets.title': 'Class sheets',
  'sheets.scope': 'Class ({year} school year)',
  'sheets.wholeSchool': 'Whole school',
  'sheets.summary': 'Summary sheet of marks',
  'sheets.attendance': 'Attendance',
  'sheets.attendancePerClass': 'Attendance is printed per class: choose a class.',
  'sheets.pdf': 'Download PDF',
  'sheets.xlsx': 'Download XLSX',
  'sheets.preparing': 'Preparing the file…',
  'sheets.none': 'No classes whose sheets you may print: the deputy head, the director and a class teacher (own class) print them.',
};
