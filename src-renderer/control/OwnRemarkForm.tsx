// The deputy's own remark: a teacher, optionally one of their journals (the link), a text and
// a deadline (default today + the school's remark days).
import { useState, type FormEvent } from 'react';
import { call, errorText, isSessionError } from '../admin/api';
import { useResource } from '../admin/ui';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { useControl } from './context';
import { defaultDeadline } from './remarks';
import { scopeChoices } from './scope';

export function OwnRemarkForm({ checkId, onClose, onSaved }: { checkId: number; onClose(): void; onSaved(): Promise<void> }) {
  const { t } = useI18n();
  const { today, remarkDays } = useControl();
  const [teacherId, setTeacherId] = useState<number | null>(null);
  const [journal, setJournal] = useState('');
  const [text, setText] = useState('');
  const [deadline, setDeadline] = useState(() => defaultDeadline(today, remarkDays));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const teachers = useResource(async () => scopeChoices({ classes: [], subjects: [] }, (await call('staff.list', {})).staff).teachers, 'teachers');
  const load = useResource(async () => (teacherId ? (await call('load.list', { teacherId, current: true })).load : []), `load-${teacherId ?? ''}`);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (busy) return;
    if (!teacherId) return setError(t('check.own.noTeacher'));
    const [groupId, subjectId] = journal ? journal.split(':').map(Number) : [];
    setBusy(true);
    setError(null);
    try {
      await invoke('remarks.add', { checkId, teacherId, text, deadline, ...(groupId && subjectId ? { groupId, subjectId } : {}) });
      await onSaved();
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
      setBusy(false);
    }
  }

  return (
    <form className="control-own" onSubmit={submit} noValidate data-testid="own-remark-form">
      <FormError error={error} testId="own-remark-error" />
      <div className="control-row">
        <label className="field">
          <span>{t('check.own.teacher')}</span>
          <select value={teacherId ?? ''} onChange={(e) => (setTeacherId(Number(e.target.value) || null), setJournal(''))} data-testid="own-remark-teacher">
            <option value="">—</option>
            {(teachers.data ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('check.own.journal')}</span>
          <select value={journal} onChange={(e) => setJournal(e.target.value)} disabled={!teacherId} data-testid="own-remark-journal">
            <option value="">{t('check.own.noJournal')}</option>
            {(load.data ?? []).map((l) => (
              <option key={l.id} value={`${l.groupId}:${l.subjectId}`}>
                {l.groupName}, {l.subjectName}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('check.deadline')}</span>
          <input type="date" value={deadline} min={today} onChange={(e) => setDeadline(e.target.value)} data-testid="own-remark-deadline" />
        </label>
      </div>
      <label className="field">
        <span>{t('check.own.text')}</span>
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} data-testid="own-remark-text" />
      </label>
      <div className="form-actions">
        <button type="submit" className="btn primary" disabled={busy} data-testid="own-remark-save">
          {t('check.own.save')}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  );
}
