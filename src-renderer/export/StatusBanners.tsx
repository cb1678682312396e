// Warnings at the top of «Выгрузка» (issue 9): settings that cannot work, a send running now,
// and the tamper evidence — a broken audit chain, or a log behind (or different from) the
// head the portal holds — each in Russian with what to do.
import type { MethodOutput } from '../../src-shared/rpc/registry';
import { useI18n } from '../i18n';

type Status = MethodOutput<'export.status'>;

export function StatusBanners({ status: s }: { status: Status }) {
  const { t } = useI18n();
  const a = s.audit;
  return (
    <>
      {a.brokenAt !== null && (
        <div className="export-banner danger" role="alert" data-testid="export-audit-broken">
          {t('export.audit.broken', { seq: a.brokenAt })}
        </div>
      )}
      {a.behind && (
        <div className="export-banner danger" role="alert" data-testid="export-audit-behind">
          {t('export.audit.behind', { portal: a.portalSeq ?? 0, local: a.localSeq })}
        </div>
      )}
      {a.forked && !a.behind && (
        <div className="export-banner danger" role="alert" data-testid="export-audit-forked">
          {t('export.audit.forked', { seq: a.portalSeq ?? 0 })}
        </div>
      )}
      {s.problem && (
        <div className="export-banner danger" role="alert" data-testid="export-problem">
          {t('export.problem', { problem: s.problem })}
        </div>
      )}
      {s.syncing && (
        <div className="export-banner info" role="status" data-testid="export-syncing">
          {t('export.syncing')}
        </div>
      )}
    </>
  );
}
