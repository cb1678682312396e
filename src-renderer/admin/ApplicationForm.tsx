// The application form, filled in while the parent is present with a passport: choose the
// pupil, choose (or add) the guardian, type the names from the passport. They are compared
// with the database live (case and ё do not matter); a mismatch is highlighted and must be
// corrected or confirmed. "Сверено с паспортом" is required. Passport series and number are
// never asked for and never stored.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { nameMismatches, type NameField } from '../../src-shared/names';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { call, errorText, isSessionError, type Application, type Guardian, type PupilHit } from './api';
import { ApplicationPreview } from './ApplicationPreview';
import { useAdmin } from './context';
import { Check, SelectField } from './ui';

const NAME_FIELDS: readonly NameField[] = ['surname', 'name', 'patronymic'];
type Names = Record<NameField, string>;
const EMPTY: Names = { surname: '', name: '', patronymic: '' };

interface ChosenPupil {
  id: number;
  fullName: string;
  className: string | null;
}

export function ApplicationForm({ onCreated, onClose }: { onCreated(a: Application): void; onClose(): void }) {
  const { t } = useI18n();
  const { today } = useAdmin();
  const [pupil, setPupil] = useState<ChosenPupil | null>(null);
  const [guardians, setGuardians] = useState<Guardian[] | null>(null);
  const [choice, setChoice] = useState<number | 'new' | null>(null);
  const [relation, setRelation] = useState('');
  const [passport, setPassport] = useState<Names>(EMPTY);
  const [confirm, setConfirm] = useState(false);
  const [checked, setChecked] = useState(false);
  const [number, setNumber] = useState('');
  const [appliedOn, setAppliedOn] = useState(today);
  const [uid, setUid] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setGuardians(null);
    setChoice(null);
    if (!pupil) return;
    let live = true;
    call('guardians.ofPupil', { pupilId: pupil.id }).then(
      (res) => {
        if (!live) return;
        setGuardians(res.guardians);
        setChoice(res.guardians.length === 1 ? res.guardians[0]!.guardianId : res.guardians.length === 0 ? 'new' : null);
      },
      (e: unknown) => live && !isSessionError(e) && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [pupil]);

  const guardian = typeof choice === 'number' ? guardians?.find((g) => g.guardianId === choice) : undefined;
  useEffect(() => {
    // The guardian's UID, when the database has one, is the application's default.
    setUid(guardian?.portalUid ?? '');
  }, [guardian]);

  // A new guardian is entered from the passport: nothing to compare. An existing one is
  // compared field by field once there is something typed to compare.
  const typedEnough = passport.surname.trim() !== '' && passport.name.trim() !== '';
  const mismatches: NameField[] = guardian
    ? nameMismatches(guardian, passport).filter((f) => typedEnough || passport[f].trim() !== '')
    : [];
  useEffect(() => {
    if (mismatches.length === 0) setConfirm(false);
  }, [mismatches.length]);

  const blockers: string[] = [];
  if (!pupil) blockers.push(t('admin.app.needPupil'));
  else if (choice === null) blockers.push(t('admin.app.needGuardian'));
  if (!typedEnough) blockers.push(t('admin.app.needPassportNames'));
  if (choice === 'new' && relation.trim().length < 2) blockers.push(t('admin.app.needRelation'));
  if (mismatches.length > 0 && !confirm) blockers.push(t('admin.app.needConfirm'));
  if (!checked) blockers.push(t('admin.app.needChecked'));
  if (!number.trim()) blockers.push(t('admin.app.needNumber'));
  if (uid.trim() && !/^\d+$/.test(uid.trim())) blockers.push(t('admin.uid.digitsOnly'));

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (busy || blockers.length > 0 || !pupil || choice === null) return;
    setBusy(true);
    setError(null);
    const names = {
      surname: passport.surname.trim(),
      name: passport.name.trim(),
      ...(passport.patronymic.trim() ? { patronymic: passport.patronymic.trim() } : {}),
    };
    try {
      const res = await call('applications.create', {
        pupilId: pupil.id,
        guardian: choice === 'new' ? { ...names, relation: relation.trim() } : { guardianId: choice },
        passport: names,
        confirmMismatch: mismatches.length > 0 && confirm,
        passportChecked: true,
        number: number.trim(),
        appliedOn,
        ...(uid.trim() ? { portalUid: uid.trim() } : {}),
      });
      onCreated(res.application);
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
      setBusy(false);
    }
  }

  const setName = (f: NameField, v: string) => setPassport((p) => ({ ...p, [f]: v }));

  return (
    <form className="card application-form" onSubmit={submit} noValidate data-testid="application-form" aria-labelledby="app-form-heading">
      <div className="section-head">
        <h2 id="app-form-heading">{t('admin.app.formHeading')}</h2>
        <span className="muted">{t('admin.app.formIntro')}</span>
      </div>
      <FormError error={error} testId="application-error" />

      <fieldset className="step">
        <legend>{t('admin.app.step.pupil')}</legend>
        {pupil ? (
          <div className="chosen" data-testid="chosen-pupil">
            <span className="strong">{pupil.fullName}</span>
            {pupil.className && <span className="muted"> · {pupil.className}</span>}
            <button type="button" className="btn small" onClick={() => setPupil(null)} data-testid="change-pupil">
              {t('admin.app.changePupil')}
            </button>
          </div>
        ) : (
          <PupilPicker onPick={(p) => setPupil({ id: p.id, fullName: p.fullName, className: p.className })} />
        )}
      </fieldset>

      {pupil && (
        <fieldset className="step">
          <legend>{t('admin.app.step.guardian')}</legend>
          {!guardians ? (
            <p className="muted">{t('app.loading')}</p>
          ) : (
            <div className="guardian-choices" role="radiogroup" aria-label={t('admin.app.step.guardian')}>
              {guardians.map((g) => (
                <label key={g.guardianId} className="radio" data-testid="guardian-option">
                  <input type="radio" name="guardian" checked={choice === g.guardianId} onChange={() => setChoice(g.guardianId)} />
                  <span>
                    <span className="strong">{[g.surname, g.name, g.patronymic].filter(Boolean).join(' ')}</span>
                    <span className="muted">
                      {' '}
                      · {g.relation}
                      {g.portalUid ? ` · UID ${g.portalUid}` : ''}
                    </span>
                  </span>
                </label>
              ))}
              <label className="radio" data-testid="guardian-new">
                <input type="radio" name="guardian" checked={choice === 'new'} onChange={() => setChoice('new')} />
                <span>{t('admin.app.newGuardian')}</span>
              </label>
            </div>
          )}
        </fieldset>
      )}

      {pupil && choice !== null && (
        <fieldset className="step">
          <legend>{choice === 'new' ? t('admin.app.step.newGuardian') : t('admin.app.step.passport')}</legend>
          <p className="muted small-print">{t('admin.app.noPassportNumber')}</p>
          <div className="form-row four">
            {NAME_FIELDS.map((f) => (
              <PassportName
                key={f}
                field={f}
                value={passport[f]}
                onChange={(v) => setName(f, v)}
                dbValue={guardian ? (guardian[f] ?? '') : null}
                mismatch={mismatches.includes(f)}
              />
            ))}
            {choice === 'new' && (
              <div className="field">
                <label htmlFor="app-relation">{t('admin.app.relation')}</label>
                <input
                  id="app-relation"
                  list="app-relations"
                  value={relation}
                  onChange={(e) => setRelation(e.target.value)}
                  data-testid="app-relation"
                />
                <datalist id="app-relations">
                  {['мать', 'отец', 'опекун', 'попечитель', 'бабушка', 'дедушка'].map((r) => (
                    <option key={r} value={r} />
                  ))}
                </datalist>
              </div>
            )}
          </div>
          {mismatches.length > 0 && (
            <div className="mismatch-box" role="alert" data-testid="mismatch-box">
              <p>{t('admin.app.mismatchText', { fields: mismatches.map((f) => t(`admin.app.field.${f}`)).join(', ') })}</p>
              <Check label={t('admin.app.confirmMismatch')} checked={confirm} onChange={setConfirm} testId="confirm-mismatch" />
            </div>
          )}
        </fieldset>
      )}

      <fieldset className="step">
        <legend>{t('admin.app.step.details')}</legend>
        <div className="form-row four">
          <div className="field">
            <label htmlFor="app-number">{t('admin.app.number')}</label>
            <input id="app-number" value={number} onChange={(e) => setNumber(e.target.value)} autoComplete="off" data-testid="app-number" />
          </div>
          <div className="field">
            <label htmlFor="app-date">{t('admin.app.date')}</label>
            <input
              id="app-date"
              type="date"
              value={appliedOn}
              max={today}
              onChange={(e) => setAppliedOn(e.target.value)}
              data-testid="app-date"
            />
          </div>
          <div className="field">
            <label htmlFor="app-uid">{t('admin.app.uid')}</label>
            <input
              id="app-uid"
              inputMode="numeric"
              value={uid}
              onChange={(e) => setUid(e.target.value)}
              autoComplete="off"
              data-testid="app-uid"
            />
          </div>
        </div>
        <Check
          label={t('admin.app.passportChecked')}
          checked={checked}
          onChange={setChecked}
          testId="passport-checked"
          className="strong-check"
        />
      </fieldset>

      {pupil && <ApplicationPreview pupilId={pupil.id} guardianId={choice} />}
      {blockers.length > 0 && (
        <ul className="blockers muted" data-testid="application-blockers" aria-label={t('admin.app.blockers')}>
          {blockers.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      )}
      <div className="form-actions">
        <button type="submit" className="btn primary" disabled={busy || blockers.length > 0} data-testid="application-submit">
          {t('admin.app.submit')}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  );
}

function PassportName({
  field,
  value,
  onChange,
  dbValue,
  mismatch,
}: {
  field: NameField;
  value: string;
  onChange(v: string): void;
  dbValue: string | null;
  mismatch: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className={mismatch ? 'field mismatch' : 'field'} data-testid={`passport-${field}-field`} data-mismatch={mismatch || undefined}>
      <label htmlFor={id}>{t(`admin.app.field.${field}`)}</label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={mismatch || undefined}
        aria-describedby={dbValue !== null ? `${id}-db` : undefined}
        autoComplete="off"
        spellCheck={false}
        data-testid={`passport-${field}`}
      />
      {dbValue !== null && (
        <div className={mismatch ? 'field-error' : 'field-hint'} id={`${id}-db`}>
          {mismatch
            ? t('admin.app.inDbDiffers', { value: dbValue || '—' })
            : value.trim()
              ? t('admin.app.matches')
              : t('admin.app.inDb', { value: dbValue || '—' })}
        </div>
      )}
    </div>
  );
}

function PupilPicker({ onPick }: { onPick(p: PupilHit): void }) {
  const { t } = useI18n();
  const { structure } = useAdmin();
  const [query, setQuery] = useState('');
  const [classId, setClassId] = useState('');
  const [hits, setHits] = useState<PupilHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2 && !classId) {
      setHits(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      call('pupils.search', { query: q, ...(classId ? { classId: Number(classId) } : {}) }).then(
        (res) => {
          if (!live) return;
          setHits(res.pupils);
          setError(null);
        },
        (e: unknown) => live && !isSessionError(e) && setError(errorText(e)),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, classId]);

  return (
    <div className="pupil-picker">
      <div className="form-row two">
        <div className="field">
          <label htmlFor={id}>{t('admin.app.pupilSearch')}</label>
          <input
            id={id}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                if (hits?.length === 1) onPick(hits[0]!);
              }
            }}
            autoFocus
            autoComplete="off"
            data-testid="pupil-search"
          />
        </div>
        <SelectField
          label={t('journal.col.class')}
          value={classId}
          onChange={setClassId}
          options={[
            { value: '', label: t('admin.allClasses') },
            ...(structure.data?.classes ?? []).map((c) => ({ value: String(c.id), label: c.name })),
          ]}
          data-testid="pupil-class"
        />
      </div>
      <FormError error={error} />
      {hits && hits.length === 0 && <p className="muted">{t('admin.nothingFound')}</p>}
      {hits && hits.length > 0 && (
        <ul className="pupil-hits" data-testid="pupil-hits">
          {hits.slice(0, 30).map((p) => (
            <li key={p.id}>
              <button type="button" className="hit" onClick={() => onPick(p)} data-testid="pupil-hit">
                <span className="strong">{p.fullName}</span>
                <span className="muted">
                  {p.className ? ` · ${p.className}` : ''}
                  {p.birthDate ? ` · ${p.birthDate.split('-').reverse().join('.')}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
