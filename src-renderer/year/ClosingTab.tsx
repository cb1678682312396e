// Закрытие периодов: pick a term and a class (or the whole school), preview what is missing,
// close; the closed terms per class and the open reopenings (each can be closed again).
import { useState } from 'react';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { errorText } from '../admin/api';
import { ResourceState, SelectField, useResource } from '../admin/ui';
import { termLabel } from '../journal/closing/labels';
import { classesOfTerm, type Reopening } from './closing/model';
import { PreviewList, type Preview } from './closing/PreviewList';
import { StatusTable } from './closing/StatusTable';

const WHOLE = 'all';

export function ClosingTab() {
  const { t } = useI18n();
  const status = useResource(() => invoke('terms.status', {}), 'terms.status');
  const [termId, setTermId] = useState('');
  const [classId, setClassId] = useState(WHOLE);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!status.data) return <ResourceState resource={status} />;
  const data = status.data;
  const term = data.terms.find((x) => String(x.id) === termId) ?? data.terms[0];
  const classes = term ? classesOfTerm(data, term) : [];
  const input = () => ({ termId: term!.id, ...(classId === WHOLE ? {} : { classId: Number(classId) }) });

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await fn();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const close = () =>
    run(async () => {
      const who = classId === WHOLE ? t('closing.tab.wholeSchool') : (classes.find((c) => String(c.id) === classId)?.name ?? '');
      if (!window.confirm(t('closing.tab.closeConfirm', { term: termLabel(t, term!), who }))) return;
      const r = await invoke('terms.close', input());
      setNotice(t('closing.tab.closedDone', { n: r.classes }));
      setPreview(null);
      await status.reload();
    });
  const reclose = (r: Reopening) =>
    run(async () => {
      await invoke('terms.reclose', { reopenId: r.id });
      await status.reload();
    });

  return (
    <section data-testid="closing-tab">
      <h2>{t('closing.title')}</h2>
      <div className="admin-toolbar">
        <SelectField
          label={t('closing.tab.term')}
          value={term ? String(term.id) : ''}
          onChange={(v) => (setTermId(v), setClassId(WHOLE), setPreview(null))}
          options={data.terms.map((x) => ({
            value: String(x.id),
            label: `${termLabel(t, x)} (${t('closing.tab.grades', { from: x.gradeFrom, to: x.gradeTo })})`,
          }))}
          data-testid="closing-term"
        />
        <SelectField
          label={t('closing.tab.class')}
          value={classId}
          onChange={(v) => (setClassId(v), setPreview(null))}
          options={[{ value: WHOLE, label: t('closing.tab.wholeSchool') }, ...classes.map((c) => ({ value: String(c.id), label: c.name }))]}
          data-testid="closing-class"
        />
        <button
          type="button"
          className="btn"
          disabled={busy || !term}
          onClick={() => void run(async () => setPreview(await invoke('terms.preview', input())))}
          data-testid="closing-preview-btn"
        >
          {t('closing.tab.preview')}
        </button>
        <button type="button" className="btn primary" disabled={busy || !term} onClick={() => void close()} data-testid="closing-close">
          {t('closing.tab.close')}
        </button>
        {notice && (
          <span role="status" data-testid="closing-notice">
            {notice}
          </span>
        )}
      </div>
      <FormError error={error} testId="closing-error" />
      {preview && <PreviewList preview={preview} />}
      <StatusTable status={data} busy={busy} onReclose={(r) => void reclose(r)} />
    </section>
  );
}
