// The journal's «Печать»: the open term, the whole year or dates; A4 pages one after the other
// or an A3 spread per sheet; main builds the PDF and the browser saves it.
import { useState, type FormEvent } from 'react';
import { errorText, isSessionError } from '../admin/api';
import { Dialog } from '../admin/ui';
import { saveFile } from '../control/download';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { printInput, type PrintPeriod } from './period';

interface Props {
  groupId: number;
  subjectId: number;
  term: { id: number; startsOn: string; endsOn: string };
  termLabel: string;
  onClose(): void;
}

export function JournalPrintDialog({ groupId, subjectId, term, termLabel, onClose }: Props) {
  const { t } = useI18n();
  const [kind, setKind] = useState<PrintPeriod['kind']>('term');
  const [from, setFrom] = useState(term.startsOn);
  const [to, setTo] = useState(term.endsOn);
  const [size, setSize] = useState<'A4' | 'A3'>('A4');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (busy) return;
    const period: PrintPeriod = kind === 'term' ? { kind, termId: term.id } : kind === 'year' ? { kind } : { kind, from, to };
    const req = printInput(groupId, subjectId, period, size);
    if (!req.ok) return setError(t(`jprint.${req.error}`));
    setBusy(true);
    setError(null);
    try {
      saveFile(await invoke('print.journal', req.input));
      onClose();
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
      setBusy(false);
    }
  }

  const radio = (value: PrintPeriod['kind'], label: string) => (
    <label className="choice">
      <input type="radio" name="jprint-period" checked={kind === value} onChange={() => setKind(value)} data-testid={`jprint-${value}`} /> {label}
    </label>
  );
  return (
    <Dialog title={t('jprint.title')} onClose={onClose} testId="jprint-dialog">
      <form onSubmit={submit} noValidate>
        <FormError error={error} testId="jprint-error" />
        <fieldset className="field">
          <legend>{t('jprint.period')}</legend>
          {radio('term', t('jprint.period.term', { term: termLabel }))}
          {radio('year', t('jprint.period.year'))}
          {radio('dates', t('jprint.period.dates'))}
          {kind === 'dates' && (
            <span className="inline-fields">
              <label>
                {t('jprint.from')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="jprint-from" />
              </label>
              <label>
                {t('jprint.to')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="jprint-to" />
              </label>
            </span>
          )}
        </fieldset>
        <fieldset className="field">
          <legend>{t('jprint.size')}</legend>
          {(['A4', 'A3'] as const).map((s) => (
            <label className="choice" key={s}>
              <input type="radio" name="jprint-size" checked={size === s} onChange={() => setSize(s)} data-testid={`jprint-size-${s}`} /> {t(`jprint.size.${s}`)}
            </label>
          ))}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="btn primary" disabled={busy} data-testid="jprint-download">
            {busy ? t('jprint.busy') : t('jprint.download')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('jprint.close')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
