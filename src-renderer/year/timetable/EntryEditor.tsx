// One weekly slot of a group: subject, teacher and room from a date (main ends the entry in
// force the day before, or replaces one starting that same date), or empty it from a date.
import { useState, type FormEvent } from 'react';
import type { TimetableEntryView } from '../../../src-shared/rpc/timetable';
import { Field, FormError } from '../../components/form';
import { useI18n } from '../../i18n';
import { invoke } from '../../rpc/client';
import { errorText } from '../../admin/api';
import { SelectField } from '../../admin/ui';
import type { Teacher } from './model';

interface Props {
  groupId: number;
  weekday: number;
  slot: number;
  date: string;
  entry: TimetableEntryView | null;
  subjects: { id: number; name: string }[];
  teachers: Teacher[];
  onDone(): void;
}

export function EntryEditor(p: Props) {
  const { t } = useI18n();
  const [subjectId, setSubjectId] = useState(String(p.entry?.subjectId ?? p.subjects[0]?.id ?? ''));
  const [teacherId, setTeacherId] = useState(String(p.entry?.teacherId ?? p.teachers[0]?.id ?? ''));
  const [room, setRoom] = useState(p.entry?.room ?? '');
  const [from, setFrom] = useState(p.date);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<unknown>) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await action();
      p.onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  const save = (ev: FormEvent) => {
    ev.preventDefault();
    void run(() =>
      invoke('timetable.setEntry', {
        groupId: p.groupId,
        weekday: p.weekday,
        slot: p.slot,
        subjectId: Number(subjectId),
        teacherId: Number(teacherId),
        room: room.trim() || null,
        from,
      }),
    );
  };

  return (
    <form className="card tt-editor" onSubmit={save} data-testid="tt-editor">
      <h2>{t('timetable.edit.title', { day: t(`timetable.weekday.${p.weekday as 1 | 2 | 3 | 4 | 5 | 6}`), slot: String(p.slot) })}</h2>
      <SelectField
        label={t('timetable.edit.subject')}
        value={subjectId}
        onChange={setSubjectId}
        options={p.subjects.map((s) => ({ value: String(s.id), label: s.name }))}
        data-testid="tt-subject"
      />
      <SelectField
        label={t('timetable.edit.teacher')}
        value={teacherId}
        onChange={setTeacherId}
        options={p.teachers.map((x) => ({ value: String(x.id), label: x.name }))}
        data-testid="tt-teacher"
      />
      <Field label={t('timetable.edit.room')} value={room} onChange={setRoom} maxLength={40} data-testid="tt-room" />
      <Field label={t('timetable.edit.from')} type="date" value={from} onChange={(v) => v && setFrom(v)} data-testid="tt-from" />
      <FormError error={error} />
      <div className="form-actions">
        <button type="submit" className="btn primary" disabled={busy} data-testid="tt-save">
          {t('timetable.edit.save')}
        </button>
        {p.entry && (
          <button
            type="button"
            className="btn"
            disabled={busy}
            onClick={() => void run(() => invoke('timetable.removeEntry', { groupId: p.groupId, weekday: p.weekday, slot: p.slot, from }))}
            data-testid="tt-remove"
          >
            {t('timetable.edit.remove')}
          </button>
        )}
        <button type="button" className="btn" onClick={p.onDone}>
          {t('timetable.edit.cancel')}
        </button>
      </div>
    </form>
  );
}
