// Loading the timetable from a file: «Проверить» (a dry run listing every row's error with its
// line) then «Загрузить», enabled only after a clean check of this very file; main writes all
// rows or none.
import { useState } from 'react';
import type { MethodOutput } from '../../../src-shared/rpc/registry';
import { FormError } from '../../components/form';
import { useI18n } from '../../i18n';
import { invoke } from '../../rpc/client';
import { errorText, fileToBase64 } from '../../admin/api';

type Result = MethodOutput<'timetable.import'>;

export function ImportPanel({ onImported }: { onImported(): void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<{ file: File; data: string; result: Result } | null>(null);
  const [done, setDone] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = checked && checked.file === file ? checked : null;

  async function run(dryRun: boolean) {
    if (!file) return setError(t('timetable.import.chooseFile'));
    setBusy(true);
    setError(null);
    try {
      const data = current?.data ?? (await fileToBase64(file));
      const result = await invoke('timetable.import', { fileName: file.name, data, dryRun });
      if (dryRun) setChecked({ file, data, result });
      else {
        setDone(result);
        setChecked(null);
        if (result.imported) onImported();
      }
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  const errors = (done ?? current?.result)?.errors ?? [];
  return (
    <section className="card" data-testid="tt-import">
      <h2>{t('timetable.import.title')}</h2>
      <p className="muted">{t('timetable.import.hint')}</p>
      <input
        type="file"
        accept=".csv,.xlsx"
        aria-label={t('timetable.import.file')}
        onChange={(e) => {
          setFile(e.target.files?.[0] ?? null);
          setDone(null);
        }}
        data-testid="tt-import-file"
      />
      <div className="form-actions">
        <button type="button" className="btn" disabled={busy} onClick={() => void run(true)} data-testid="tt-import-check">
          {t('timetable.import.check')}
        </button>
        <button
          type="button"
          className="btn primary"
          disabled={busy || !current || current.result.errors.length > 0 || current.result.preview.length === 0}
          onClick={() => void run(false)}
          data-testid="tt-import-apply"
        >
          {t('timetable.import.apply')}
        </button>
      </div>
      <FormError error={error} />
      {current && errors.length === 0 && <p role="status">{t('timetable.import.ok', { n: String(current.result.preview.length) })}</p>}
      {done?.imported && <p role="status">{t('timetable.import.done', { n: String(done.preview.length) })}</p>}
      {errors.length > 0 && (
        <ul className="import-errors" data-testid="tt-import-errors">
          {errors.map((e) => (
            <li key={`${e.line}-${e.message}`}>
              {e.line > 0 && <strong>{t('timetable.import.line', { line: String(e.line) })}: </strong>}
              {e.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
