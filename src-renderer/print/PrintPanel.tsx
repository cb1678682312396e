// The «Журнал и ведомости» tab of «Отчёты»: a class's whole journal for the year, and the
// summary and attendance sheets of a class or the whole school.
import { ClassBookPanel } from './ClassBookPanel';
import { SheetsPanel } from './SheetsPanel';

export function PrintPanel() {
  return (
    <>
      <ClassBookPanel />
      <SheetsPanel />
    </>
  );
}
