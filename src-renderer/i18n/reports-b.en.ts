// The class results, attendance and teacher report tabs (issue 13). Same keys as reports-b.ru.ts.
import type { reportsBRu } from './reports-b.ru';

export const reportsBEn: { readonly [K in keyof typeof reportsBRu]: string } = {
  'reports.tab.results': 'Class results',
  'reports.tab.attendance': 'Attendance',
  'reports.tab.teacher': "Teacher's report",
  'reports.wholeSchool': "Whole school (a row per class; the period as for the chosen class)",
  'reports.results.hint':
    "Quality, success, average mark and the marks distribution per subject and teacher. For a term: its term marks; for the school year: current marks within the dates chosen. A teacher sees only their own subjects and groups.",
  'reports.results.noClass': 'Results are built for the classes you teach in or lead.',
  'reports.attendance.hint':
    "Lessons missed by each pupil by reason (б, у, п, н), excused and unexcused, late arrivals and days missed. A teacher sees only their own lessons.",
  'reports.attendance.noClass': 'Attendance is built for the classes you teach in or lead.',
  'reports.teacher': 'Teacher',
  'reports.teacher.hint':
    'Load, lessons planned by the timetable and held, substitutions, lesson plan topics and the journal completeness by month. A teacher builds only their own report.',
  'reports.teacher.noTeacher': "The teacher's report is for teachers (their own), the deputy and the director.",
  'reports.teacher.from': 'Lessons from',
};
