// The history of one cell, one lesson or one term mark, from the audit log: who, when, old → new.
// A native modal <dialog>: it traps focus and closes on Escape by itself.
import { marksTypes } from './columns';
import { useEffect, useRef, useState } from 'react';
import { formatCell } from '../../src-shared/journal/cell';
import type { JournalView } from '../../src-shared/rpc/journal';
import type { MethodInput, MethodOutput } from '../../src-shared/rpc/registry';
import { useI18n, type Translate } from '../i18n';
import { instant } from '../format';
import { invoke } from '../rpc/client';

type Entry = MethodOutput<'journal.history'>['entries'][number];

/** A lesson, one pupil's cell of it, or one pupil's term/year mark. */
export type HistoryTarget = { title: string } & (
  { lessonId: number; pupilId?: number } | { termMark: MethodInput<'journal.termMarkHistory'> }
);

interface Props {
  target: HistoryTarget;
  view: JournalView;
  teachers: { id: number; name: string }[] | null;
  onClose(): void;
}

export function HistoryDialog({ target, view, teachers, onClose }: Props) {
  const { t, locale } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  useEffect(() => {
    let live = true;
    const load: Promise<{ entries: Entry[] }> =
      'termMark' in target
        ? invoke('journal.termMarkHistory', target.termMark)
        : invoke(
            'journal.history',
            target.pupilId === undefined ? { lessonId: target.lessonId } : { lessonId: target.lessonId, pupilId: target.pupilId },
          );
    load.then((r) => live && setEntries(r.entries)).catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [target]);

  const describe = describer(t, view, teachers);

  return (
    <dialog ref={ref} className="jdialog" aria-labelledby="history-title" onClose={onClose} data-testid="history-dialog">
      <div className="jdialog-head">
        <h2 id="history-title">{t('journal.history.title', { what: target.title })}</h2>
        <button type="button" className="btn small" onClick={() => ref.current?.close()} autoFocus>
          {t('journal.history.close')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!entries && !error && <p className="muted">{t('app.loading')}</p>}
      {entries && entries.length === 0 && <p className="muted">{t('journal.history.empty')}</p>}
      {entries && entries.length > 0 && (
        <table className="grid jhistory">
          <thead>
            <tr>
              <th scope="col">{t('journal.history.when')}</th>
              <th scope="col">{t('journal.history.who')}</th>
              <th scope="col">{t('journal.history.change')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq} data-testid="history-entry">
                <td className="nowrap">{instant(e.at, locale)}</td>
                <td className="nowrap">{e.actor ?? t('journal.history.system')}</td>
                <td>
                  {describe(e)}
                  {e.reason && <div className="muted">{t('journal.history.reason', { reason: e.reason })}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </dialog>
  );
}

type Obj = Record<string, unknown> | null | undefined;

/** One line per entry: "4 → 5", "Тема: — → Глагол", "Учитель: Ерёмина Н. В. → Богданов А. Р.". */
function describer(t: Translate, view: JournalView, teachers: { id: number; name: string }[] | null) {
  const teacher = (id: unknown) => (id == null ? '—' : (teachers?.find((x) => x.id === id)?.name ?? `#${String(id)}`));
  const workType = (id: unknown) =>
    id == null ? t('journal.history.defaultType') : (view.workTypes.find((w) => w.id === id)?.name ?? `#${String(id)}`);
  const text = (v: unknown) => (v == null || v === '' ? '—' : String(v));
  const cell = (v: Obj) => {
    if (!v) return '—';
    const c = v as { marks?: { value: string; workTypeId: number }[]; absence?: string | null };
    return formatCell({ marks: c.marks ?? [], absence: c.absence ?? null }) || '—';
  };
  /** "4 → 5 · Ответ на уроке"; a change of type "… · Ответ на уроке → Контрольная работа". */
  const cellChange = (before: Obj, after: Obj) => {
    const [tb, ta] = [before, after].map((v) => marksTypes((v?.marks ?? []) as { workTypeId: number }[], view.workTypes));
    const kinds = tb && ta && tb !== ta ? `${tb} → ${ta}` : ta || tb;
    return `${cell(before)} → ${cell(after)}${kinds ? ` · ${kinds}` : ''}`;
  };
  return (e: Entry): string => {
    const before = e.before as Obj;
    const after = e.after as Obj;
    switch (e.action) {
      case 'journal.cell':
      case 'journal.work_type':
        return cellChange(before, after);
      case 'journal.column_add':
        return t('columns.added', { name: workType(after?.workTypeId) });
      case 'journal.column_remove':
        return t('columns.removed');
      case 'journal.column':
        return `${t('columns.workType')}: ${workType(before?.workTypeId)} → ${workType(after?.workTypeId)}`;
      case 'journal.term_mark': {
        const change = `${text(before?.value)} → ${text(after?.value)}`;
        return after?.override ? `${change} (${t('journal.history.override', { suggested: text(after.suggested) })})` : change;
      }
      case 'journal.lesson_create':
        return t('journal.history.created');
      case 'journal.file_attach':
        return t('journal.history.fileAdded', { name: text(after?.name) });
      case 'journal.file_remove':
        return t('journal.history.fileRemoved', { name: text(before?.name) });
      case 'journal.lesson':
      case 'journal.substitution': {
        const parts: string[] = [];
        const field = (k: string, label: string, fmt: (v: unknown) => string) => {
          if (before?.[k] !== after?.[k]) parts.push(`${label}: ${fmt(before?.[k])} → ${fmt(after?.[k])}`);
        };
        field('held', t('journal.history.held'), (v) => (v ? t('journal.history.yes') : t('journal.history.no')));
        field('topic', t('journal.panel.topic'), text);
        field('homework', t('journal.panel.homework'), text);
        // Records from before the flag existed carry no noHomework: absent counts as «no».
        if (Boolean(before?.noHomework) !== Boolean(after?.noHomework))
          parts.push(`${t('remarks.noHomework')}: ${before?.noHomework ? t('journal.history.yes') : t('journal.history.no')} → ${after?.noHomework ? t('journal.history.yes') : t('journal.history.no')}`);
        field('workTypeId', t('journal.panel.workType'), workType);
        field('actualTeacherId', t('journal.panel.teacher'), teacher);
        return parts.join('; ') || t('journal.history.noChange');
      }
      default:
        return e.action;
    }
  };
}
