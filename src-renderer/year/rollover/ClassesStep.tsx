// Step 3: the classes of the new year — letters, class teachers, where the load and timetable
// are copied from; classes added or removed (pupils are reassigned on step 2).
import { useState } from 'react';
import type { RolloverPlan } from '../../../src-shared/rpc/rollover';
import { classKey } from '../../../src-shared/rollover/rules';
import { useI18n } from '../../i18n';
import { addClass, removeClass, updateClass, type Draft } from './wizard';

interface Props {
  draft: Draft;
  plan: RolloverPlan;
  onChange(plan: RolloverPlan): void;
}

export function ClassesStep({ draft, plan, onChange }: Props) {
  const { t } = useI18n();
  const [grade, setGrade] = useState('1');
  const [letter, setLetter] = useState('');
  const pupils = new Map<string, number>();
  for (const p of plan.pupils) if (p.toClass) pupils.set(p.toClass, (pupils.get(p.toClass) ?? 0) + 1);
  const num = (v: string) => (v === '' ? null : Number(v));

  return (
    <div data-testid="rollover-classes">
      <p className="muted">{t('rollover.classesHint')}</p>
      <div className="table-scroll">
        <table className="grid" data-testid="rollover-classes-table">
          <thead>
            <tr>
              <th scope="col">{t('rollover.col.class')}</th>
              <th scope="col">{t('rollover.col.letter')}</th>
              <th scope="col">{t('rollover.col.teacher')}</th>
              <th scope="col">{t('rollover.col.copyFrom')}</th>
              <th scope="col">{t('rollover.col.pupils')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {plan.classes.map((c) => {
              const key = classKey(c.grade, c.letter);
              return (
                <tr key={key} data-testid={`rollover-class-${key}`}>
                  <th scope="row">{key}</th>
                  <td>
                    <input
                      aria-label={`${t('rollover.col.letter')}: ${key}`}
                      size={3}
                      defaultValue={c.letter}
                      onBlur={(e) => e.target.value.trim() && onChange(updateClass(plan, key, { letter: e.target.value.trim().toUpperCase() }))}
                    />
                  </td>
                  <td>
                    <select
                      aria-label={`${t('rollover.col.teacher')}: ${key}`}
                      value={c.classTeacherId ?? ''}
                      onChange={(e) => onChange(updateClass(plan, key, { classTeacherId: num(e.target.value) }))}
                    >
                      <option value="">{t('rollover.noClass')}</option>
                      {draft.teachers.map((x) => (
                        <option key={x.id} value={x.id}>
                          {x.name}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select
                      aria-label={`${t('rollover.col.copyFrom')}: ${key}`}
                      value={c.copyFromClassId ?? ''}
                      onChange={(e) => onChange(updateClass(plan, key, { copyFromClassId: num(e.target.value) }))}
                    >
                      <option value="">{t('rollover.copyNone')}</option>
                      {draft.oldClasses.map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.name}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{pupils.get(key) ?? 0}</td>
                  <td>
                    <button type="button" className="btn small" onClick={() => onChange(removeClass(plan, key))}>
                      {t('rollover.removeClass')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <form
        className="admin-toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          if (!letter.trim()) return;
          onChange(addClass(plan, { grade: Number(grade), letter: letter.trim().toUpperCase(), classTeacherId: null, copyFromClassId: null }));
          setLetter('');
        }}
      >
        <label>
          {t('rollover.grade')}{' '}
          <select value={grade} onChange={(e) => setGrade(e.target.value)}>
            {Array.from({ length: 11 }, (_, i) => String(i + 1)).map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
        </label>
        <label>
          {t('rollover.col.letter')} <input size={3} value={letter} onChange={(e) => setLetter(e.target.value)} />
        </label>
        <button type="submit" className="btn small">
          {t('rollover.addClass')}
        </button>
      </form>
    </div>
  );
}
