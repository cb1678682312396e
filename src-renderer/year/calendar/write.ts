// One calendar write from the tab: the RPC call, then the notice (with lessons left off the
// calendar) or the error, with field issues for the form that sent it.
import type { Translate } from '../../i18n';
import { RpcError } from '../../rpc/client';
import { errorText, isSessionError } from '../../admin/api';
import { issueMap } from './model';

export interface WriteOutcome {
  ok: boolean;
  /** Field errors keyed by the issue path ("periods.1.startsOn", "date"). */
  fields: Record<string, string>;
}

export interface WriteReport {
  notice(text: string): void;
  error(text: string | null): void;
  reload(): Promise<void> | void;
  t: Translate;
}

export async function runWrite(call: () => Promise<{ lessonsOffCalendar: number }>, report: WriteReport): Promise<WriteOutcome> {
  report.error(null);
  try {
    const r = await call();
    const saved = report.t('calendar.saved');
    report.notice(r.lessonsOffCalendar > 0 ? `${saved} ${report.t('calendar.offCalendar', { n: r.lessonsOffCalendar })}` : saved);
    await report.reload();
    return { ok: true, fields: {} };
  } catch (e) {
    if (!isSessionError(e)) report.error(errorText(e));
    return { ok: false, fields: e instanceof RpcError ? issueMap(e.issues) : {} };
  }
}
