// «Перенести»: one lesson, with whatever it holds, to another date and slot (main refuses a
// slot the class already has a lesson in, a holiday or a closed term, and says so).
import { useState, type FormEvent } from 'react';
import type { SubstitutionView } from '../../../src-shared/rpc/timetable';
import { Field, FormError } from '../../components/form';
import { useI18n } from '../../i18n';
import { invoke } from '../../rpc/client';
import { errorText } from '../../admin/api';
import { SelectField } from '../../admin/ui';
import { MAX_SLOT, moveLessonInput } from './oneoff';

export function MoveLessonForm(p: { lesson: SubstitutionView; maxSlot: number; onMoved(): void; onClose(): void }) {
  const { t } = useI18n();
  const [date, setDate] = useState(p.lesson.date);
  const [slot, setSlot] = useState(String(p.lesson.slot));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const slots = Array.from({ length: Math.min(MAX_SLOT, p.maxSlot) }, (_, i) => i + 1);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (busy) return;
    const built = moveLessonInput(p.lesson, { date, slot });
    if (!built.ok) return setError(t(built.problem));
    setBusy(true);
    setError(null);
    try {
      await invoke('timetable.moveLesson', built.input);
      p.onMoved();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="tt-move" onSubmit={(e) => void submit(e)} data-testid="tt-move">
      <Field label={t('timetable.oneoff.toDate')} type="date" value={date} onChange={setDate} data-testid="tt-move-date" />
      <SelectField
        label={t('timetable.oneoff.toSlot')}
        value={slot}
        onChange={setSlot}
        options={slots.map((s) => ({ value: String(s), label: String(s) }))}
        data-testid="tt-move-slot"
      />
      <FormError error={error} />
      <div className="form-actions">
        <button type="submit" className="btn primary" disabled={busy} data-testid="tt-move-save">
          {t('timetable.oneoff.confirmMove')}
        </button>
        <button type="button" className="btn" onClick={p.onClose}>
          {t('timetable.oneoff.close')}
        </button>
      </div>
    </form>
  );
}
