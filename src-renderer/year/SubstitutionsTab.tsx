// Замены: the deputy picks a day and the absent teacher, and names a substitute for each of
// their lessons (or sees every substitution of the day). Main checks rights, the closed term
// and that the substitute is free; the list is reloaded after each change.
import { useState } from 'react';
import { schoolDate } from '../../src-shared/dates';
import type { SubstitutionView } from '../../src-shared/rpc/timetable';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { errorText } from '../admin/api';
import { ResourceState, SelectField, useResource } from '../admin/ui';
import { freeTeachers, isSubstituted, lessonsShown, teachersOfDay, type Teacher } from './timetable/model';

export function SubstitutionsTab() {
  const { t } = useI18n();
  const [date, setDate] = useState(() => schoolDate(new Date()));
  const [absent, setAbsent] = useState<number | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const day = useResource(() => invoke('substitution.list', { date }), `subs-${date}`);

  async function choose(l: SubstitutionView, value: string) {
    setError(null);
    setNote(null);
    const lesson = { groupId: l.groupId, subjectId: l.subjectId, date: l.date, slot: l.slot };
    try {
      if (value === '') await invoke('substitution.remove', { lesson });
      else await invoke('substitution.set', { lesson, substituteId: Number(value) });
      setNote(t(value === '' ? 'timetable.subs.removed' : 'timetable.subs.saved'));
      await day.reload();
    } catch (e) {
      setError(errorText(e));
    }
  }

  const lessons = day.data?.lessons ?? [];
  const shown = lessonsShown(lessons, absent);
  return (
    <div className="year-subs" data-testid="substitutions">
      <div className="form-row">
        <div className="field">
          <label htmlFor="subs-date">{t('timetable.subs.date')}</label>
          <input id="subs-date" type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} data-testid="subs-date" />
        </div>
        <SelectField
          label={t('timetable.subs.absent')}
          value={absent === null ? '' : String(absent)}
          onChange={(v) => setAbsent(v === '' ? null : Number(v))}
          options={[{ value: '', label: t('timetable.subs.allSubstituted') }, ...teachersOfDay(lessons).map((x) => ({ value: String(x.id), label: x.name }))]}
          data-testid="subs-absent"
        />
      </div>
      <FormError error={error} />
      {note && (
        <p className="notice" role="status" data-testid="subs-note">
          {note}
        </p>
      )}
      <ResourceState resource={day} />
      {day.data && shown.length === 0 && <p className="muted">{t(absent === null ? 'timetable.subs.none' : 'timetable.subs.noLessons')}</p>}
      {shown.length > 0 && (
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">{t('timetable.subs.slot')}</th>
              <th scope="col">{t('timetable.subs.class')}</th>
              <th scope="col">{t('timetable.subs.subject')}</th>
              <th scope="col">{t('timetable.subs.teacher')}</th>
              <th scope="col">{t('timetable.subs.substitute')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((l) => (
              <SubstitutionRow key={`${l.slot}-${l.groupId}-${l.subjectId}`} lesson={l} all={day.data?.teachers ?? []} day={lessons} onChoose={choose} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function SubstitutionRow(props: { lesson: SubstitutionView; all: Teacher[]; day: SubstitutionView[]; onChoose(l: SubstitutionView, v: string): void }) {
  const { t } = useI18n();
  const l = props.lesson;
  const options = freeTeachers(props.all, props.day, l);
  // The current substitute stays choosable even when the list says otherwise.
  if (isSubstituted(l) && l.actualTeacherId !== null && !options.some((o) => o.id === l.actualTeacherId))
    options.unshift({ id: l.actualTeacherId, name: l.actualTeacherName ?? '' });
  return (
    <tr data-testid="subs-row" data-substituted={isSubstituted(l) || undefined}>
      <td>{l.slot}</td>
      <td>{l.groupName === l.className ? l.className : `${l.className} · ${l.groupName}`}</td>
      <td>{l.subjectName}</td>
      <td>{l.plannedTeacherName}</td>
      <td>
        <select
          aria-label={t('timetable.subs.substitute')}
          value={isSubstituted(l) ? String(l.actualTeacherId) : ''}
          onChange={(e) => props.onChoose(l, e.target.value)}
          data-testid="subs-select"
        >
          <option value="">{t('timetable.subs.nobody')}</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </td>
    </tr>
  );
}
