// The report tabs of «Отчёты», in order. A new report adds one entry (its id, label key, the
// roles' permission that shows it, and its panel); the page does the rest.
import type { ComponentType } from 'react';
import type { Permission } from '../../src-shared/permissions';
import type { PlainKey } from '../i18n';
import { AttendancePanel } from './AttendancePanel';
import { CardPanel } from './CardPanel';
import { ResultsPanel } from './ResultsPanel';
import { TeacherPanel } from './TeacherPanel';
import { PrintPanel } from '../print/PrintPanel';

export interface ReportTab {
  id: string;
  label: PlainKey;
  permission: Permission;
  Panel: ComponentType;
}

export const REPORT_TABS: readonly ReportTab[] = [
  { id: 'card', label: 'reports.tab.card', permission: 'journal.read', Panel: CardPanel },
  { id: 'results', label: 'reports.tab.results', permission: 'journal.read', Panel: ResultsPanel },
  { id: 'attendance', label: 'reports.tab.attendance', permission: 'journal.read', Panel: AttendancePanel },
  { id: 'teacher', label: 'reports.tab.teacher', permission: 'journal.read', Panel: TeacherPanel },
  { id: 'print', label: 'jprint.tab', permission: 'journal.read', Panel: PrintPanel },
];
