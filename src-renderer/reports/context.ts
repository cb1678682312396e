// What every report tab needs, loaded once by the page: the classes the user may report on
// (with pupils), the year's terms and dates, and today's school date.
import { createContext, useContext } from 'react';
import type { ReportClass } from '../../src-shared/rpc/reports';
import type { PickerTerm, PickerYear } from './picker';

export interface ReportsData {
  classes: ReportClass[];
  terms: PickerTerm[];
  year: PickerYear | null;
  today: string;
}

export const ReportsContext = createContext<ReportsData>({ classes: [], terms: [], year: null, today: '' });
export const useReports = () => useContext(ReportsContext);
