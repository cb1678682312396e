// «Посещаемость» (issue 13): the same choice as the class results (ResultsPanel.tsx).
import { ClassReportPanel } from './ResultsPanel';

export function AttendancePanel() {
  return <ClassReportPanel kind="attendance" />;
}
