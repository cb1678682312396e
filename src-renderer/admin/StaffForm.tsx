// Creating or editing a staff account: ФИО, login, roles (several), and on creation the
// portal UID. The login is suggested from the name until the administrator types one.
import { useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../../src-shared/domain';
import { Field, FormError, issuesByField } from '../components/form';
import { useI18n } from '../i18n';
import { RpcError } from '../rpc/client';
import { call, errorText, isSessionError, type Staff } from './api';
import { Check } from './ui';

const TRANSLIT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

const latin = (s: string) =>
  [...s.trim().toLowerCase()]
    .map((c) => TRANSLIT[c] ?? c)
    .join('')
    .replace(/[^a-z0-9]/g, '');

/** "Смирнова Анна Петровна" -> "smirnova.ap" */
export function suggestLogin(surname: string, name: string, patronymic: string): string {
  const initials = [name, patronymic].map((x) => latin(x).charAt(0)).join('');
  const base = latin(surname);
  return base ? (initials ? `${base}.${initials}` : base) : '';
}

interface Props {
  /** Editing this account; creating a new one when absent. */
  staff?: Staff;
  onCreated?(staff: Staff, temporaryPassword: string): void;
  onSaved?(staff: Staff): void;
  onCancel(): void;
}

export function StaffForm({ staff, onCreated, onSaved, onCancel }: Props) {
  const { t } = useI18n();
  const [surname, setSurname] = useState(staff?.surname ?? '');
  const [name, setName] = useState(staff?.name ?? '');
  const [patronymic, setPatronymic] = useState(staff?.patronymic ?? '');
  const [login, setLogin] = useState(staff?.login ?? '');
  const [loginTouched, setLoginTouched] = useState(!!staff);
  const [roles, setRoles] = useState<Role[]>(staff?.roles ?? ['teacher']);
  const [uid, setUid] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const shownLogin = loginTouched ? login : suggestLogin(surname, name, patronymic);

  function toggleRole(r: Role, on: boolean) {
    setRoles((prev) => (on ? ROLES.filter((x) => x === r || prev.includes(x)) : prev.filter((x) => x !== r)));
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (busy) return;
    const e: Record<string, string> = {};
    if (!surname.trim()) e.surname = t('field.required');
    if (!name.trim()) e.name = t('field.required');
    if (!shownLogin.trim()) e.login = t('field.required');
    if (roles.length === 0) e.roles = t('admin.staff.rolesRequired');
    if (uid.trim() && !/^\d+$/.test(uid.trim())) e.portalUid = t('admin.uid.digitsOnly');
    setErrors(e);
    if (Object.keys(e).length) return;
    setBusy(true);
    setError(null);
    try {
      if (staff) {
        const res = await call('staff.update', {
          staffId: staff.id,
          surname: surname.trim(),
          name: name.trim(),
          patronymic: patronymic.trim() || null,
          login: shownLogin.trim(),
          roles,
        });
        onSaved?.(res.staff);
      } else {
        const res = await call('staff.create', {
          surname: surname.trim(),
          name: name.trim(),
          ...(patronymic.trim() ? { patronymic: patronymic.trim() } : {}),
          login: shownLogin.trim(),
          roles,
          ...(uid.trim() ? { portalUid: uid.trim() } : {}),
        });
        onCreated?.(res.staff, res.temporaryPassword);
      }
    } catch (err) {
      if (isSessionError(err)) return;
      setError(errorText(err));
      if (err instanceof RpcError) setErrors(issuesByField(err));
      setBusy(false);
    }
  }

  return (
    <form className="card staff-form" onSubmit={submit} noValidate data-testid={staff ? 'staff-edit-form' : 'staff-create-form'}>
      <h2>{staff ? t('admin.staff.editHeading', { name: staff.fullName }) : t('admin.staff.createHeading')}</h2>
      <FormError error={error} testId="staff-form-error" />
      <div className="form-row three">
        <Field
          label={t('setup.surname')}
          value={surname}
          onChange={setSurname}
          error={errors.surname}
          autoFocus
          data-testid="staff-surname"
        />
        <Field label={t('setup.name')} value={name} onChange={setName} error={errors.name} data-testid="staff-name" />
        <Field
          label={t('admin.app.field.patronymic')}
          value={patronymic}
          onChange={setPatronymic}
          error={errors.patronymic}
          data-testid="staff-patronymic"
        />
      </div>
      <div className="form-row two">
        <Field
          label={t('admin.staff.login')}
          value={shownLogin}
          onChange={(v) => {
            setLoginTouched(true);
            setLogin(v);
          }}
          error={errors.login}
          hint={t('setup.loginHint')}
          autoComplete="off"
          spellCheck={false}
          data-testid="staff-login"
        />
        {!staff && (
          <Field
            label={t('admin.staff.uidOptional')}
            value={uid}
            onChange={setUid}
            error={errors.portalUid}
            inputMode="numeric"
            autoComplete="off"
            data-testid="staff-uid"
          />
        )}
      </div>
      <fieldset className="roles-fieldset" aria-invalid={errors.roles ? true : undefined}>
        <legend>{t('admin.staff.roles')}</legend>
        <div className="roles-grid">
          {ROLES.map((r) => (
            <Check
              key={r}
              label={t(`role.${r}`)}
              checked={roles.includes(r)}
              onChange={(on) => toggleRole(r, on)}
              testId={`staff-role-${r}`}
            />
          ))}
        </div>
        {errors.roles && <div className="field-error">{errors.roles}</div>}
      </fieldset>
      {!staff && <p className="muted small-print">{t('admin.staff.createNote')}</p>}
      <div className="form-actions">
        <button type="submit" className="btn primary" disabled={busy} data-testid="staff-submit">
          {staff ? t('admin.save') : t('admin.staff.create')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  );
}
