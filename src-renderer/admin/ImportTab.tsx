// Импорт: pupils, guardians or staff from a CSV or XLSX file. "Проверить" is a dry run that
// shows what would be created, updated or left alone and every row's errors with its line
// number; "Импортировать" is enabled only after a clean dry run of this very file and kind.
// Main imports all rows or none; re-importing updates by external id.
import { useId, useRef, useState, type FormEvent } from 'react';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { call, errorText, fileToBase64, isSessionError, type ImportKind, type ImportResult } from './api';
import { SelectField } from './ui';

const KINDS: readonly ImportKind[] = ['pupils', 'guardians', 'staff'];
const MAX_BYTES = 20 * 1024 * 1024;

interface Checked {
  file: File;
  kind: ImportKind;
  data: string;
  result: ImportResult;
}

export function ImportTab() {
  const { t } = useI18n();
  const [kind, setKind] = useState<ImportKind>('pupils');
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);

  const current = checked && checked.file === file && checked.kind === kind ? checked : null;
  const canImport = !!current && current.result.errors.length === 0 && current.result.total > 0 && !imported;

  async function check(ev: FormEvent) {
    ev.preventDefault();
    if (busy) return;
    if (!file) return setError(t('admin.import.chooseFile'));
    if (!/\.(csv|xlsx)$/i.test(file.name)) return setError(t('admin.import.badType'));
    if (file.size > MAX_BYTES) return setError(t('admin.import.tooBig'));
    setBusy('check');
    setError(null);
    setImported(null);
    try {
      const data = await fileToBase64(file);
      const result = await call('roster.import', { kind, fileName: file.name, data, dryRun: true });
      setChecked({ file, kind, data, result });
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
      setChecked(null);
    } finally {
      setBusy(null);
    }
  }

  async function runImport() {
    if (!current || busy) return;
    setBusy('import');
    setError(null);
    try {
      const result = await call('roster.import', { kind: current.kind, fileName: current.file.name, data: current.data, dryRun: false });
      setImported(result);
      setChecked({ ...current, result });
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  const shown = current?.result ?? null;

  return (
    <section aria-labelledby="import-heading" data-testid="import-tab">
      <div className="section-head">
        <h2 id="import-heading">{t('admin.import.heading')}</h2>
        <span className="muted">{t('admin.import.intro')}</span>
      </div>
      <form className="card import-form" onSubmit={check} noValidate>
        <FormError error={error} testId="import-error" />
        <div className="form-row import-grid">
          <SelectField
            label={t('admin.import.kind')}
            value={kind}
            onChange={(v) => {
              setKind(v as ImportKind);
              setImported(null);
            }}
            options={KINDS.map((k) => ({ value: k, label: t(`admin.import.kind.${k}`) }))}
            data-testid="import-kind"
          />
          <div className="field">
            <label htmlFor={fileId}>{t('admin.import.file')}</label>
            <input
              ref={fileInput}
              id={fileId}
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setImported(null);
                setError(null);
              }}
              data-testid="import-file"
            />
          </div>
        </div>
        <p className="muted small-print">{t(`admin.import.columns.${kind}`)}</p>
        <div className="form-actions">
          <button type="submit" className="btn" disabled={!file || !!busy} data-testid="import-check">
            {busy === 'check' ? t('admin.import.checking') : t('admin.import.check')}
          </button>
          <button
            type="button"
            className="btn primary"
            disabled={!canImport || !!busy}
            onClick={() => void runImport()}
            data-testid="import-run"
          >
            {busy === 'import' ? t('admin.import.importing') : t('admin.import.run')}
          </button>
          {current && !canImport && !imported && (
            <span className="muted">{current.result.errors.length ? t('admin.import.fixFirst') : ''}</span>
          )}
        </div>
      </form>

      {imported && (
        <p className="ok-note big" role="status" data-testid="import-done">
          {t('admin.import.done', { created: imported.created, updated: imported.updated, unchanged: imported.unchanged })}
        </p>
      )}

      {shown && (
        <div className="import-result" data-testid="import-result">
          {!imported && (
            <p className="import-summary" data-testid="import-summary">
              {t('admin.import.summary', {
                total: shown.total,
                created: shown.created,
                updated: shown.updated,
                unchanged: shown.unchanged,
                errors: shown.errors.length,
              })}
            </p>
          )}
          {shown.errors.length > 0 && (
            <section aria-labelledby="import-errors-heading">
              <h3 id="import-errors-heading" className="danger-text">
                {t('admin.import.errorsHeading')}
              </h3>
              <table className="grid compact import-errors" data-testid="import-errors">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('admin.import.line')}
                    </th>
                    <th scope="col">{t('admin.import.error')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.errors.map((e, i) => (
                    <tr key={`${e.line}-${i}`} data-testid="import-error-row" data-line={e.line}>
                      <td className="num">{e.line}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          {shown.preview.length > 0 && (
            <section aria-labelledby="import-preview-heading">
              <h3 id="import-preview-heading">{imported ? t('admin.import.importedHeading') : t('admin.import.previewHeading')}</h3>
              <div className="table-scroll tall">
                <table className="grid compact" data-testid="import-preview">
                  <thead>
                    <tr>
                      <th scope="col" className="num">
                        {t('admin.import.line')}
                      </th>
                      <th scope="col">{t('admin.import.action')}</th>
                      <th scope="col">{t('admin.import.externalId')}</th>
                      <th scope="col">{t('admin.staff.fullName')}</th>
                      <th scope="col">{t('admin.uid.detail')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.preview.map((p) => (
                      <tr key={p.line} data-testid="import-preview-row" data-action={p.action}>
                        <td className="num">{p.line}</td>
                        <td>
                          <span className={`status action-${p.action}`}>{t(`admin.import.action.${p.action}`)}</span>
                        </td>
                        <td className="mono">{p.externalId}</td>
                        <td>{p.fullName}</td>
                        <td className="muted">{p.detail}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
        </div>
      )}
    </section>
  );
}
