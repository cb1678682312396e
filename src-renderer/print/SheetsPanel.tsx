// The class-wide sheets for the «Отчёты» section: the summary sheet («сводная ведомость») of a
// class or the whole school and a class's attendance sheet, downloaded as PDF or XLSX. The list
// offers only what the caller may print (the deputy and the director: every class and the whole
// school; a class teacher: their own class); main checks the scope again.
import { useEffect, useState } from 'react';
import { errorText, isSessionError } from '../admin/api';
import { FormError } from '../components/form';
import { saveFile } from '../control/download';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { initialScope, sheetCall, type SheetFormat, type SheetKind, type SheetScope } from './sheets';

interface ClassList {
  yearId: number;
  year: string;
  wholeSchool: boolean;
  classes: { id: number; label: string }[];
}

export function SheetsPanel() {
  const { t } = useI18n();
  const [list, setList] = useState<ClassList | null>(null);
  const [scope, setScope] = useState<SheetScope | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    invoke('print.sheetClasses', {})
      .then((l) => {
        if (!live) return;
        setList(l);
        setScope(initialScope(l));
      })
      .catch((e: unknown) => live && !isSessionError(e) && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, []);

  async function download(kind: SheetKind, format: SheetFormat) {
    if (!list || scope === null) return;
    const c = sheetCall(scope, kind, format, list.yearId);
    if (!c) return;
    setBusy(true);
    setError(null);
    try {
      saveFile(c.method === 'print.summarySheets' ? await invoke(c.method, c.input) : await invoke(c.method, c.input));
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const button = (kind: SheetKind, format: SheetFormat) => (
    <button
      type="button"
      className="btn"
      disabled={busy || scope === null || (kind === 'attendance' && scope === 'school')}
      onClick={() => void download(kind, format)}
      data-testid={`sheets-${kind}-${format}`}
    >
      {t(format === 'pdf' ? 'sheets.pdf' : 'sheets.xlsx')}
    </button>
  );

  return (
    <section className="card" data-testid="sheets-panel">
      <h2>{t('sheets.title')}</h2>
      {list && list.classes.length === 0 && <p className="muted">{t('sheets.none')}</p>}
      {list && list.classes.length > 0 && (
        <>
          <label className="inline-field">
            <span>{t('sheets.scope', { year: list.year })}</span>
            <select value={scope ?? ''} onChange={(e) => setScope(e.target.value === 'school' ? 'school' : Number(e.target.value))} data-testid="sheets-scope">
              {list.wholeSchool && <option value="school">{t('sheets.wholeSchool')}</option>}
              {list.classes.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <div className="admin-toolbar">
            <span>{t('sheets.summary')}</span>
            {button('summary', 'pdf')}
            {button('summary', 'xlsx')}
          </div>
          <div className="admin-toolbar">
            <span>{t('sheets.attendance')}</span>
            {button('attendance', 'pdf')}
            {button('attendance', 'xlsx')}
            {scope === 'school' && <span className="muted small-print">{t('sheets.attendancePerClass')}</span>}
          </div>
        </>
      )}
      {busy && (
        <p className="muted" aria-busy="true">
          {t('sheets.preparing')}
        </p>
      )}
      <FormError error={error} testId="sheets-error" />
    </section>
  );
}
