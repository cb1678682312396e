// Разовые изменения: one class's (or group's) lessons of one day, each of which the deputy can
// cancel (main refuses when it holds marks or a topic, and the refusal is shown) or move to
// another date and slot; an extra lesson can be added in a free slot. The list comes from
// substitution.list (stored lessons and timetable slots not generated yet) and is reloaded
// after every change.
import { useState } from 'react';
import type { SubstitutionView } from '../../../src-shared/rpc/timetable';
import { FormError } from '../../components/form';
import { useI18n } from '../../i18n';
import { invoke } from '../../rpc/client';
import { errorText, numericDate } from '../../admin/api';
import { ResourceState, useResource } from '../../admin/ui';
import { ExtraLessonForm } from './ExtraLessonForm';
import { MoveLessonForm } from './MoveLessonForm';
import type { Teacher } from './model';
import { freeSlots, lessonRef, lessonsOfGroup } from './oneoff';

interface Props {
  groupId: number;
  groupLabel: string;
  date: string;
  subjects: { id: number; name: string }[];
  teachers: Teacher[];
  teacherOf(subjectId: number): number | null;
  bellSlots: number[];
  /** The week grid may show the change (an extra lesson in a slot). */
  onChanged(): void;
}

export function OneOffPanel(p: Props) {
  const { t } = useI18n();
  const day = useResource(() => invoke('substitution.list', { date: p.date }), `oneoff-${p.date}`);
  const [moving, setMoving] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const lessons = lessonsOfGroup(day.data?.lessons ?? [], p.groupId);

  async function done(noteKey: 'timetable.oneoff.cancelled' | 'timetable.oneoff.moved' | 'timetable.oneoff.added') {
    setMoving(null);
    setAdding(false);
    setNote(t(noteKey));
    await day.reload();
    p.onChanged();
  }
  async function cancel(l: SubstitutionView) {
    setError(null);
    setNote(null);
    try {
      await invoke('timetable.cancelLesson', { lesson: lessonRef(l) });
      await done('timetable.oneoff.cancelled');
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <section className="card tt-oneoff" data-testid="tt-oneoff">
      <h2>{t('timetable.oneoff.title', { group: p.groupLabel, date: numericDate(p.date) })}</h2>
      <ResourceState resource={day} />
      {day.data && lessons.length === 0 && <p className="muted">{t('timetable.oneoff.none')}</p>}
      {lessons.length > 0 && (
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">{t('timetable.oneoff.slot')}</th>
              <th scope="col">{t('timetable.oneoff.subject')}</th>
              <th scope="col">{t('timetable.oneoff.teacher')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {lessons.map((l) => {
              const key = `${l.slot}-${l.subjectId}`;
              return (
                <tr key={key} data-testid={`tt-oneoff-${l.slot}`}>
                  <td>{l.slot}</td>
                  <td>{l.subjectName}</td>
                  <td>{l.actualTeacherName ?? l.plannedTeacherName}</td>
                  <td>
                    <button type="button" className="btn" onClick={() => void cancel(l)} data-testid="tt-oneoff-cancel">
                      {t('timetable.oneoff.cancel')}
                    </button>{' '}
                    <button type="button" className="btn" onClick={() => setMoving(moving === key ? null : key)} data-testid="tt-oneoff-move">
                      {t('timetable.oneoff.move')}
                    </button>
                    {moving === key && <MoveLessonForm lesson={l} maxSlot={Math.max(7, ...p.bellSlots)} onMoved={() => void done('timetable.oneoff.moved')} onClose={() => setMoving(null)} />}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <FormError error={error} testId="tt-oneoff-error" />
      {note && (
        <p className="notice" role="status" data-testid="tt-oneoff-note">
          {note}
        </p>
      )}
      {adding ? (
        <ExtraLessonForm
          groupId={p.groupId}
          date={p.date}
          subjects={p.subjects}
          teachers={p.teachers}
          teacherOf={p.teacherOf}
          slots={freeSlots(lessons, p.bellSlots)}
          onAdded={() => void done('timetable.oneoff.added')}
          onClose={() => setAdding(false)}
        />
      ) : (
        <button type="button" className="btn" onClick={() => setAdding(true)} disabled={!day.data} data-testid="tt-oneoff-add">
          {t('timetable.oneoff.add')}
        </button>
      )}
    </section>
  );
}
