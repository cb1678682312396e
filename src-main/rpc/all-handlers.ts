// Every capability's handlers, merged; the type makes a missing or extra method a compile error.
import { adminHandlers } from '../services/admin/handlers';
import { authHandlers } from '../services/auth/handlers';
import { backupHandlers } from '../services/backup/handlers';
import { deviceHandlers } from '../services/device/handlers';
import { exportHandlers } from '../services/export/handlers';
import { journalHandlers } from '../services/journal/handlers';
import { networkHandlers } from '../services/network/handlers';
import { outboxHandlers } from '../services/outbox/handlers';
import { rosterHandlers } from '../services/roster/handlers';
import { schoolHandlers } from '../services/school/handlers';
import { calendarHandlers } from '../services/calendar/handlers';
import { timetableHandlers } from '../services/timetable/handlers';
import { closingHandlers } from '../services/closing/handlers';
import { columnsHandlers } from '../services/columns/handlers';
import { planHandlers } from '../services/plan/handlers';
import { rolloverHandlers } from '../services/rollover/handlers';
import { checkHandlers } from '../services/check/handlers';
import { checkReportHandlers } from '../services/check-report/handlers';
import { printJournalHandlers } from '../services/print/handlers';
import { overviewHandlers } from '../services/overview/handlers';
import { printSheetHandlers } from '../services/print/summary-handlers';
import { namesHandlers } from '../services/forms/handlers';
import { archiveHandlers } from '../services/archive/handlers';
import { reportsHandlers } from '../services/reports/handlers';
import { reportTeacherHandlers } from '../services/reports/teacher-list';
import type { Handlers } from './handlers';

export const allHandlers = {
  ...authHandlers,
  ...schoolHandlers,
  ...journalHandlers,
  ...adminHandlers,
  ...rosterHandlers,
  ...exportHandlers,
  ...backupHandlers,
  ...outboxHandlers,
  ...deviceHandlers,
  ...networkHandlers,
  ...calendarHandlers,
  ...timetableHandlers,
  ...closingHandlers,
  ...columnsHandlers,
  ...planHandlers,
  ...rolloverHandlers,
  ...checkHandlers,
  ...checkReportHandlers,
  ...printJournalHandlers,
  ...overviewHandlers,
  ...printSheetHandlers,
  ...namesHandlers,
  ...archiveHandlers,
  ...reportsHandlers,
  ...reportTeacherHandlers,
} satisfies Handlers;
