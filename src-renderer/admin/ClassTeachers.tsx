// Классные руководители: every class of the current year with its class teacher, changed in
// place (appointing one also grants the classTeacher role, in main).
import { useState } from 'react';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { call, errorText, isSessionError, subgroupLabel, type Staff } from './api';
import { useAdmin } from './context';
import { ResourceState } from './ui';

export function ClassTeachers({ staff, onChanged }: { staff: Staff[]; onChanged(): void }) {
  const { t } = useI18n();
  const { structure, can } = useAdmin();
  const manage = can('staff.manage');
  const [error, setError] = useState<string | null>(null);
  const [busyClass, setBusyClass] = useState<number | null>(null);
  const [saved, setSaved] = useState<number | null>(null);

  if (!structure.data) return <ResourceState resource={structure} />;
  const candidates = staff.filter((s) => !s.disabled && (s.roles.includes('teacher') || s.roles.includes('classTeacher')));
  const byId = new Map(staff.map((s) => [s.id, s]));

  async function change(classId: number, value: string) {
    setBusyClass(classId);
    setError(null);
    setSaved(null);
    try {
      await call('class.setTeacher', { classId, staffId: value ? Number(value) : null });
      setSaved(classId);
      onChanged();
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    } finally {
      setBusyClass(null);
    }
  }

  return (
    <section aria-labelledby="classes-heading" data-testid="class-teachers">
      <h2 id="classes-heading">{t('admin.classes.heading')}</h2>
      <FormError error={error} testId="class-teacher-error" />
      <table className="grid compact classes-table">
        <thead>
          <tr>
            <th scope="col">{t('journal.col.class')}</th>
            <th scope="col" className="num">
              {t('journal.col.pupils')}
            </th>
            <th scope="col">{t('admin.classes.groups')}</th>
            <th scope="col">{t('admin.classes.teacher')}</th>
          </tr>
        </thead>
        <tbody>
          {structure.data.classes.map((c) => {
            const current = c.classTeacherId ? byId.get(c.classTeacherId) : undefined;
            const subgroups = c.groups.filter((g) => !g.isWholeClass);
            return (
              <tr key={c.id} data-testid="class-row" data-class={c.name}>
                <th scope="row" className="strong">
                  {c.name}
                </th>
                <td className="num">{c.pupils}</td>
                <td className="muted">{subgroups.map((g) => subgroupLabel(g.name, c.name)).join(', ')}</td>
                <td>
                  {manage ? (
                    <span className="inline-select">
                      <select
                        aria-label={t('admin.classes.teacherOf', { name: c.name })}
                        value={c.classTeacherId ? String(c.classTeacherId) : ''}
                        disabled={busyClass === c.id}
                        onChange={(e) => void change(c.id, e.target.value)}
                        data-testid="class-teacher-select"
                      >
                        <option value="">{t('admin.classes.none')}</option>
                        {/* A current teacher who no longer teaches (or is disabled) stays visible. */}
                        {current && !candidates.includes(current) && <option value={String(current.id)}>{current.fullName}</option>}
                        {candidates.map((s) => (
                          <option key={s.id} value={String(s.id)}>
                            {s.fullName}
                          </option>
                        ))}
                      </select>
                      {saved === c.id && (
                        <span className="ok-note" role="status">
                          {t('admin.saved')}
                        </span>
                      )}
                    </span>
                  ) : (
                    (current?.fullName ?? <span className="muted">{t('admin.classes.none')}</span>)
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
