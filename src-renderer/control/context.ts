// What every «Контроль» screen needs: the school's today (the server's clock), the default
// remark days, whether the user may change anything (the deputy) and the scope choices' names.
import { createContext, useContext } from 'react';

export interface ControlContextValue {
  today: string;
  remarkDays: number;
  /** journal.check: run checks, dismiss, write and issue remarks, change thresholds. */
  canWrite: boolean;
}

export const ControlContext = createContext<ControlContextValue>({ today: '', remarkDays: 7, canWrite: false });

export const useControl = () => useContext(ControlContext);
