// A teacher's teaching load: what they teach now (and before), ending a load, and giving
// a new one: class -> group (the whole class or a subgroup) × subject × hours from a date.
import { useState, type FormEvent } from 'react';
import { FormError } from '../components/form';
import { longDate, number } from '../format';
import { useI18n } from '../i18n';
import { call, errorText, isSessionError, numericDate, subgroupLabel, type Load, type Staff } from './api';
import { useAdmin } from './context';
import { Check, Dialog, ResourceState, SelectField, useResource } from './ui';

export function LoadPanel({ staff, onChanged }: { staff: Staff; onChanged(): void }) {
  const { t, locale } = useI18n();
  const { can } = useAdmin();
  const [showPast, setShowPast] = useState(false);
  const load = useResource(
    () => call('load.list', { teacherId: staff.id, ...(showPast ? {} : { current: true }) }),
    `${staff.id}-${showPast}`,
  );
  const [ending, setEnding] = useState<Load | null>(null);
  const manage = can('staff.manage');

  return (
    <section className="load-panel" aria-labelledby="load-panel-heading" data-testid="load-panel">
      <div className="section-head">
        <h3 id="load-panel-heading">{t('admin.load.heading')}</h3>
        <Check label={t('admin.load.showPast')} checked={showPast} onChange={setShowPast} testId="load-show-past" />
      </div>
      {!load.data ? (
        <ResourceState resource={load} />
      ) : load.data.load.length === 0 ? (
        <p className="muted" data-testid="load-empty">
          {t('admin.load.none')}
        </p>
      ) : (
        <table className="grid compact" data-testid="load-table">
          <thead>
            <tr>
              <th scope="col">{t('journal.col.class')}</th>
              <th scope="col">{t('journal.col.subject')}</th>
              <th scope="col" className="num">
                {t('admin.load.hoursShort')}
              </th>
              <th scope="col">{t('admin.load.period')}</th>
              {manage && (
                <th scope="col">
                  <span className="visually-hidden">{t('admin.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {load.data.load.map((l) => (
              <tr key={l.id} data-testid="load-item" className={l.validTo ? 'past' : undefined}>
                <td className="strong">
                  {l.className}
                  {subgroupLabel(l.groupName, l.className) && <span className="muted sub"> {subgroupLabel(l.groupName, l.className)}</span>}
                </td>
                <td>{l.subjectName}</td>
                <td className="num">{number(l.hoursPerWeek, locale)}</td>
                <td
                  className="nowrap"
                  title={l.validTo ? `${longDate(l.validFrom, locale)} — ${longDate(l.validTo, locale)}` : longDate(l.validFrom, locale)}
                >
                  {l.validTo
                    ? t('admin.load.fromTo', { from: numericDate(l.validFrom), to: numericDate(l.validTo) })
                    : t('admin.load.from', { from: numericDate(l.validFrom) })}
                </td>
                {manage && (
                  <td className="actions">
                    {!l.validTo && (
                      <button type="button" className="btn small" onClick={() => setEnding(l)} data-testid="load-end">
                        {t('admin.load.end')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {manage && (
        <AssignLoad
          staff={staff}
          onAssigned={() => {
            void load.reload();
            onChanged();
          }}
        />
      )}
      {ending && (
        <EndLoadDialog
          load={ending}
          onClose={() => setEnding(null)}
          onEnded={() => {
            void load.reload();
            onChanged();
          }}
        />
      )}
    </section>
  );
}

function AssignLoad({ staff, onAssigned }: { staff: Staff; onAssigned(): void }) {
  const { t } = useI18n();
  const { structure, today } = useAdmin();
  const [classId, setClassId] = useState('');
  const [groupId, setGroupId] = useState('');
  const [subjectId, setSubjectId] = useState('');
  const [hours, setHours] = useState('2');
  const [from, setFrom] = useState(today);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!structure.data) return <ResourceState resource={structure} />;
  const { classes, subjects } = structure.data;
  const cls = classes.find((c) => String(c.id) === classId);
  // The whole class is the default group; subgroups (languages, IT) are offered too.
  const groups = cls ? [...cls.groups].sort((a, b) => Number(b.isWholeClass) - Number(a.isWholeClass)) : [];
  const chosenGroup = groups.find((g) => String(g.id) === groupId) ?? groups[0];

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (busy) return;
    setDone(null);
    const h = Number(hours.replace(',', '.'));
    if (!chosenGroup || !subjectId) return setError(t('admin.load.chooseAll'));
    if (!Number.isFinite(h) || h < 0.5 || h > 20) return setError(t('admin.load.badHours'));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) return setError(t('admin.load.badDate'));
    setBusy(true);
    setError(null);
    try {
      const res = await call('load.assign', {
        groupId: chosenGroup.id,
        subjectId: Number(subjectId),
        teacherId: staff.id,
        hoursPerWeek: h,
        validFrom: from,
      });
      setDone(t('admin.load.assigned', { what: `${res.load.groupName} × ${res.load.subjectName}` }));
      setSubjectId('');
      onAssigned();
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="assign-load" onSubmit={submit} noValidate data-testid="assign-load-form" aria-labelledby="assign-load-heading">
      <h4 id="assign-load-heading">{t('admin.load.assignHeading')}</h4>
      <FormError error={error} testId="assign-load-error" />
      {done && (
        <p className="ok-note" role="status" data-testid="assign-load-done">
          {done}
        </p>
      )}
      <div className="form-row assign-grid">
        <SelectField
          label={t('journal.col.class')}
          value={classId}
          onChange={(v) => {
            setClassId(v);
            setGroupId('');
          }}
          options={[{ value: '', label: '—' }, ...classes.map((c) => ({ value: String(c.id), label: c.name }))]}
          data-testid="load-class"
        />
        <SelectField
          label={t('journal.col.group')}
          value={chosenGroup ? String(chosenGroup.id) : ''}
          onChange={setGroupId}
          disabled={!cls}
          options={
            cls
              ? groups.map((g) => ({
                  value: String(g.id),
                  label: g.isWholeClass ? t('admin.load.wholeClass', { n: g.pupils }) : `${g.name} (${g.pupils})`,
                }))
              : [{ value: '', label: '—' }]
          }
          data-testid="load-group"
        />
        <SelectField
          label={t('journal.col.subject')}
          className="span-2"
          value={subjectId}
          onChange={setSubjectId}
          options={[{ value: '', label: '—' }, ...subjects.map((s) => ({ value: String(s.id), label: s.name }))]}
          data-testid="load-subject"
        />
        <div className="field narrow">
          <label htmlFor="load-hours">{t('admin.load.hoursShort')}</label>
          <input id="load-hours" inputMode="decimal" value={hours} onChange={(e) => setHours(e.target.value)} data-testid="load-hours" />
        </div>
        <div className="field">
          <label htmlFor="load-from">{t('admin.load.validFrom')}</label>
          <input id="load-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="load-from" />
        </div>
      </div>
      <button type="submit" className="btn primary" disabled={busy} data-testid="load-assign">
        {t('admin.load.assign')}
      </button>
      <p className="muted small-print">{t('admin.load.assignNote')}</p>
    </form>
  );
}

function EndLoadDialog({ load, onClose, onEnded }: { load: Load; onClose(): void; onEnded(): void }) {
  const { t } = useI18n();
  const { today } = useAdmin();
  const [to, setTo] = useState(today < load.validFrom ? load.validFrom : today);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await call('load.end', { loadId: load.id, validTo: to });
      onEnded();
      onClose();
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('admin.load.endHeading')} onClose={onClose} testId="end-load-dialog">
      <form onSubmit={submit} noValidate>
        <p>
          {load.className}
          {load.groupName !== load.className ? ` · ${load.groupName}` : ''} — {load.subjectName}, {load.teacherName}
        </p>
        <FormError error={error} testId="end-load-error" />
        <div className="field">
          <label htmlFor="load-to">{t('admin.load.lastDay')}</label>
          <input
            id="load-to"
            type="date"
            value={to}
            min={load.validFrom}
            onChange={(e) => setTo(e.target.value)}
            autoFocus
            data-testid="load-to"
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="btn primary" disabled={busy} data-testid="load-end-confirm">
            {t('admin.load.end')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('admin.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
