// Звонки: the start and end of every lesson slot of the school year. Rows stay in slot order
// (a slot is added after the last and removed from anywhere); the form's own check runs first,
// and what main refuses is shown next to the field it names (or above the table).
import { useState, type FormEvent } from 'react';
import { FormError } from '../../components/form';
import { useI18n } from '../../i18n';
import { invoke, RpcError } from '../../rpc/client';
import { errorText } from '../../admin/api';
import { bellsInput, checkBellRows, fieldKey, nextBell, placeIssues, type BellField, type BellRow } from './oneoff';

export function BellsEditor({ yearId, bells, onSaved }: { yearId: number; bells: readonly BellRow[]; onSaved(): void }) {
  const { t } = useI18n();
  const [rows, setRows] = useState<BellRow[]>(() => [...bells].sort((a, b) => a.slot - b.slot));
  const [fields, setFields] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const edit = (i: number, field: BellField, value: string) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [field]: value } : r)));
  const add = () => {
    const next = nextBell(rows);
    if (next) setRows([...rows, next]);
  };

  async function save(ev: FormEvent) {
    ev.preventDefault();
    if (busy) return;
    setNote(null);
    setError(null);
    const own = checkBellRows(rows);
    setFields(new Map([...own].map(([k, key]) => [k, t(key)])));
    if (own.size > 0) return;
    setBusy(true);
    try {
      const saved = await invoke('timetable.setBells', bellsInput(yearId, rows));
      setRows(saved.bells);
      setNote(t('timetable.bells.saved'));
      onSaved();
    } catch (e) {
      const placed = e instanceof RpcError ? placeIssues(e.issues) : { fields: new Map<string, string>(), general: [] };
      setFields(placed.fields);
      setError(placed.general.length > 0 ? placed.general.join('; ') : placed.fields.size > 0 ? null : errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card tt-bells" onSubmit={(e) => void save(e)} data-testid="tt-bells" noValidate>
      <h2>{t('timetable.bells.title')}</h2>
      {rows.length === 0 && <p className="muted">{t('timetable.bells.none')}</p>}
      {rows.length > 0 && (
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">{t('timetable.bells.slot')}</th>
              <th scope="col">{t('timetable.bells.start')}</th>
              <th scope="col">{t('timetable.bells.end')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.slot} data-testid={`tt-bell-${r.slot}`}>
                <th scope="row">{r.slot}</th>
                {(['startsAt', 'endsAt'] as const).map((f) => (
                  <td key={f}>
                    <input
                      value={r[f]}
                      onChange={(e) => edit(i, f, e.target.value)}
                      placeholder={t('timetable.bells.placeholder')}
                      aria-label={`${r.slot}: ${t(f === 'startsAt' ? 'timetable.bells.start' : 'timetable.bells.end')}`}
                      aria-invalid={fields.has(fieldKey(i, f)) || undefined}
                      inputMode="numeric"
                      maxLength={5}
                      size={5}
                      data-testid={`tt-bell-${r.slot}-${f}`}
                    />
                    {fields.has(fieldKey(i, f)) && (
                      <div className="field-error" data-testid={`tt-bell-${r.slot}-${f}-error`}>
                        {fields.get(fieldKey(i, f))}
                      </div>
                    )}
                  </td>
                ))}
                <td>
                  <button type="button" className="btn" onClick={() => setRows(rows.filter((_, j) => j !== i))} data-testid={`tt-bell-${r.slot}-remove`}>
                    {t('timetable.bells.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormError error={error} />
      {note && (
        <p className="notice" role="status" data-testid="tt-bells-note">
          {note}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={add} disabled={nextBell(rows) === null} data-testid="tt-bell-add">
          {t('timetable.bells.add')}
        </button>
        <button type="submit" className="btn primary" disabled={busy} data-testid="tt-bells-save">
          {t('timetable.bells.save')}
        </button>
      </div>
    </form>
  );
}
