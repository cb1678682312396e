// «Добавить урок»: an extra one-off lesson of the class on the panel's date in a slot the class
// has free that day (main checks the slot, the teacher and the term again).
import { useState, type FormEvent } from 'react';
import { FormError } from '../../components/form';
import { useI18n } from '../../i18n';
import { invoke } from '../../rpc/client';
import { errorText } from '../../admin/api';
import { SelectField } from '../../admin/ui';
import type { Teacher } from './model';
import { extraLessonInput } from './oneoff';

interface Props {
  groupId: number;
  date: string;
  subjects: { id: number; name: string }[];
  teachers: Teacher[];
  /** The group's timetabled teacher of a subject (picked with the subject). */
  teacherOf(subjectId: number): number | null;
  slots: number[];
  onAdded(): void;
  onClose(): void;
}

export function ExtraLessonForm(p: Props) {
  const { t } = useI18n();
  const [subjectId, setSubjectId] = useState(String(p.subjects[0]?.id ?? ''));
  const [teacherId, setTeacherId] = useState(() => String(p.teacherOf(Number(subjectId)) ?? p.teachers[0]?.id ?? ''));
  const [slot, setSlot] = useState(String(p.slots[0] ?? ''));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (busy) return;
    const built = extraLessonInput(p.groupId, p.date, { subjectId, teacherId, slot });
    if (!built.ok) return setError(t(built.problem));
    setBusy(true);
    setError(null);
    try {
      await invoke('timetable.addLesson', built.input);
      p.onAdded();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="tt-extra" onSubmit={(e) => void submit(e)} data-testid="tt-extra">
      <SelectField
        label={t('timetable.oneoff.subject')}
        value={subjectId}
        onChange={(v) => {
          setSubjectId(v);
          const usual = p.teacherOf(Number(v));
          if (usual !== null) setTeacherId(String(usual));
        }}
        options={p.subjects.map((s) => ({ value: String(s.id), label: s.name }))}
        data-testid="tt-extra-subject"
      />
      <SelectField
        label={t('timetable.oneoff.teacher')}
        value={teacherId}
        onChange={setTeacherId}
        options={p.teachers.map((x) => ({ value: String(x.id), label: x.name }))}
        data-testid="tt-extra-teacher"
      />
      <SelectField
        label={t('timetable.oneoff.slot')}
        value={slot}
        onChange={setSlot}
        options={p.slots.map((s) => ({ value: String(s), label: String(s) }))}
        data-testid="tt-extra-slot"
      />
      <FormError error={error} />
      <div className="form-actions">
        <button type="submit" className="btn primary" disabled={busy} data-testid="tt-extra-save">
          {t('timetable.oneoff.confirmAdd')}
        </button>
        <button type="button" className="btn" onClick={p.onClose}>
          {t('timetable.oneoff.close')}
        </button>
      </div>
    </form>
  );
}
