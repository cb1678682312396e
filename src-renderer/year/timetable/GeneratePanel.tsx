// «Сформировать уроки года»: stored lessons from the timetable over the calendar; the answer
// names what was created, changed and deleted, and lists the lessons holding data that are no
// longer timetabled (kept for a person to resolve).
import { useState } from 'react';
import type { MethodOutput } from '../../../src-shared/rpc/registry';
import { FormError } from '../../components/form';
import { useI18n } from '../../i18n';
import { invoke } from '../../rpc/client';
import { errorText } from '../../admin/api';

export function GeneratePanel({ yearId }: { yearId: number }) {
  const { t } = useI18n();
  const [result, setResult] = useState<MethodOutput<'timetable.generate'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function generate() {
    setBusy(true);
    setError(null);
    try {
      setResult(await invoke('timetable.generate', { yearId }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card" data-testid="tt-generate">
      <button type="button" className="btn" onClick={() => void generate()} disabled={busy} data-testid="tt-generate-button">
        {t('timetable.generate.button')}
      </button>
      <FormError error={error} />
      {result && (
        <div role="status" data-testid="tt-generate-result">
          <p>{t('timetable.generate.done', { created: String(result.created), updated: String(result.updated), deleted: String(result.deleted) })}</p>
          {result.conflicts.length > 0 && (
            <>
              <p>{t('timetable.generate.conflicts')}</p>
              <ul>
                {result.conflicts.map((c) => (
                  <li key={c.lessonId}>
                    {c.date}, {c.slot}: {c.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
