// Loading a plan from CSV or XLSX: «Проверить» shows every bad row with its line; replacing the
// plan is offered only after a clean check of this very file (main applies all rows or none).
import { useId, useState } from 'react';
import type { PlanItem, PlanView } from '../../src-shared/rpc/plan';
import { errorText, fileToBase64, isSessionError } from '../admin/api';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';

const MAX_BYTES = 5 * 1024 * 1024;
type Result = { file: File; data: string; rows: number; errors: { line: number; message: string }[] };

export function PlanImport({ item, onApplied }: { item: PlanItem; onApplied(plan: PlanView): void }) {
  const { t } = useI18n();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = checked && checked.file === file ? checked : null;
  const ref = { subjectId: item.subjectId, grade: item.grade };

  async function run(apply: boolean) {
    if (!file || busy) return;
    if (!/\.(csv|xlsx)$/i.test(file.name)) return setError(t('plan.import.badType'));
    if (file.size > MAX_BYTES) return setError(t('plan.import.tooBig'));
    setBusy(true);
    setError(null);
    try {
      const data = current?.data ?? (await fileToBase64(file));
      const r = await invoke('plan.import', { ...ref, fileName: file.name, data, apply });
      if (r.applied && r.plan) {
        setChecked(null);
        setFile(null);
        onApplied(r.plan);
      } else setChecked({ file, data, rows: r.rows.length, errors: r.errors });
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="plan-import" aria-labelledby={`${id}-h`} data-testid="plan-import">
      <h3 id={`${id}-h`}>{t('plan.import.heading')}</h3>
      <p className="muted small-print">{t('plan.import.hint')}</p>
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('plan.import.file')}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setError(null);
            }}
            data-testid="plan-import-file"
          />
        </div>
      </div>
      <FormError error={error} testId="plan-import-error" />
      <div className="form-actions">
        <button type="button" className="btn" disabled={!file || busy} onClick={() => void run(false)} data-testid="plan-import-check">
          {t('plan.import.check')}
        </button>
        <button
          type="button"
          className="btn primary"
          disabled={!current || current.errors.length > 0 || current.rows === 0 || busy}
          onClick={() => void run(true)}
          data-testid="plan-import-apply"
        >
          {t('plan.import.apply')}
        </button>
      </div>
      {current && current.errors.length === 0 && <p className="ok-note">{t('plan.import.ok', { n: current.rows })}</p>}
      {current && current.errors.length > 0 && (
        <>
          <p className="danger-text">{t('plan.import.errors', { n: current.errors.length })}</p>
          <table className="grid compact" data-testid="plan-import-errors">
            <thead>
              <tr>
                <th scope="col" className="num">{t('plan.import.line')}</th>
                <th scope="col">{t('plan.import.error')}</th>
              </tr>
            </thead>
            <tbody>
              {current.errors.map((e, i) => (
                <tr key={`${e.line}-${i}`} data-testid="plan-import-error-row" data-line={e.line}>
                  <td className="num">{e.line}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
