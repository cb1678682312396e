// The check's remarks (drafts until issued) and the deputy's own remark to a teacher.
import { useState } from 'react';
import type { RemarkView } from '../../src-shared/rpc/check';
import { errorText, isSessionError } from '../admin/api';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { useControl } from './context';
import { OwnRemarkForm } from './OwnRemarkForm';
import { RemarkList } from './RemarkList';

export function CheckRemarks({ checkId, remarks, onChanged }: { checkId: number; remarks: readonly RemarkView[]; onChanged(): Promise<void> }) {
  const { t } = useI18n();
  const { canWrite } = useControl();
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  return (
    <section className="card" data-testid="check-remarks">
      <h2>{t('check.remarks')}</h2>
      <FormError error={error} testId="remarks-error" />
      <RemarkList remarks={remarks} onChanged={onChanged} onError={(e) => !isSessionError(e) && setError(errorText(e))} />
      {canWrite && !adding && (
        <button type="button" className="btn" onClick={() => setAdding(true)} data-testid="own-remark">
          {t('check.ownRemark')}
        </button>
      )}
      {adding && (
        <OwnRemarkForm
          checkId={checkId}
          onClose={() => setAdding(false)}
          onSaved={async () => {
            setAdding(false);
            await onChanged();
          }}
        />
      )}
    </section>
  );
}
