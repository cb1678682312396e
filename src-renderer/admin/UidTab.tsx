// UID портала: the bulk screen for typing UIDs one after another. Filters by kind, class
// and role, people without a UID only by default. Enter saves the row and moves to the
// next; ↑/↓ move between rows, Esc restores the row. Clearing a UID and pressing Enter
// removes it. A duplicate is refused by main with a message naming the holder.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ROLES, type Role } from '../../src-shared/domain';
import { useI18n } from '../i18n';
import { call, errorText, isSessionError, numericDate, type UidPerson } from './api';
import { useAdmin } from './context';
import { Check, ResourceState, SelectField, useResource } from './ui';

type Kind = 'pupil' | 'guardian' | 'staff';
type RowState = { state: 'saving' } | { state: 'saved'; removed: boolean } | { state: 'error'; message: string };

export function UidTab() {
  const { t } = useI18n();
  const { structure, can, settings } = useAdmin();
  const manage = can('uid.manage');
  const [kind, setKind] = useState<Kind>('pupil');
  const [classId, setClassId] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [missingOnly, setMissingOnly] = useState(true);
  const filterKey = JSON.stringify([kind, classId, role, missingOnly]);
  const people = useResource(
    () =>
      call('uid.people', {
        kind,
        ...(kind !== 'staff' && classId ? { classId: Number(classId) } : {}),
        ...(kind === 'staff' && role ? { role } : {}),
        missingOnly,
      }),
    filterKey,
  );
  // Saved values are kept here so the list does not jump while typing; "Обновить" reloads.
  const [rows, setRows] = useState<UidPerson[]>([]);
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const [status, setStatus] = useState<Record<number, RowState>>({});
  const inputs = useRef<(HTMLInputElement | null)[]>([]);

  useEffect(() => {
    if (!people.data) return;
    setRows(people.data.people);
    setDrafts({});
    setStatus({});
  }, [people.data]);

  const missing = rows.filter((r) => !r.portalUid).length;
  const min = settings?.uidMinLength ?? 1;
  const max = settings?.uidMaxLength ?? 20;

  function focusRow(i: number) {
    const el = inputs.current[i];
    if (el) {
      el.focus();
      el.select();
    }
  }

  async function save(i: number) {
    const person = rows[i];
    if (!person) return;
    const draft = (drafts[person.personId] ?? person.portalUid ?? '').trim();
    const original = person.portalUid ?? '';
    if (draft === original) {
      focusRow(i + 1);
      return;
    }
    if (draft && !/^\d+$/.test(draft))
      return setStatus((s) => ({ ...s, [person.personId]: { state: 'error', message: t('admin.uid.digitsOnly') } }));
    if (draft && (draft.length < min || draft.length > max))
      return setStatus((s) => ({ ...s, [person.personId]: { state: 'error', message: t('admin.uid.length', { min, max }) } }));
    setStatus((s) => ({ ...s, [person.personId]: { state: 'saving' } }));
    try {
      const res = await call('uid.set', { personId: person.personId, uid: draft || null });
      setRows((rs) => rs.map((r) => (r.personId === person.personId ? { ...r, portalUid: res.uid } : r)));
      setDrafts((d) => {
        const next = { ...d };
        delete next[person.personId];
        return next;
      });
      setStatus((s) => ({ ...s, [person.personId]: { state: 'saved', removed: res.uid === null } }));
      focusRow(i + 1);
    } catch (e) {
      if (isSessionError(e)) return;
      setStatus((s) => ({ ...s, [person.personId]: { state: 'error', message: errorText(e) } }));
      inputs.current[i]?.select();
    }
  }

  function onKey(ev: KeyboardEvent<HTMLInputElement>, i: number) {
    const person = rows[i]!;
    if (ev.key === 'Enter') {
      ev.preventDefault();
      void save(i);
    } else if (ev.key === 'ArrowDown') {
      ev.preventDefault();
      focusRow(i + 1);
    } else if (ev.key === 'ArrowUp') {
      ev.preventDefault();
      focusRow(i - 1);
    } else if (ev.key === 'Escape') {
      setDrafts((d) => {
        const next = { ...d };
        delete next[person.personId];
        return next;
      });
      setStatus((s) => {
        const next = { ...s };
        delete next[person.personId];
        return next;
      });
    }
  }

  /** The server's detail: role codes for staff, the birth date for pupils, the children for guardians. */
  function detailText(k: Kind, detail: string): string {
    if (k === 'staff')
      return detail
        .split(/,\s*/)
        .filter(Boolean)
        .sort((a, b) => ROLES.indexOf(a as Role) - ROLES.indexOf(b as Role))
        .map((r) => ((ROLES as readonly string[]).includes(r) ? t(`role.${r as Role}`) : r))
        .join(', ');
    if (k === 'pupil' && /^\d{4}-\d{2}-\d{2}$/.test(detail)) return numericDate(detail);
    return detail;
  }

  const kindOptions = (['pupil', 'guardian', 'staff'] as const).map((k) => ({ value: k, label: t(`admin.uid.kind.${k}`) }));
  const classOptions = [
    { value: '', label: t('admin.allClasses') },
    ...(structure.data?.classes ?? []).map((c) => ({ value: String(c.id), label: c.name })),
  ];
  const roleOptions = [{ value: '', label: t('admin.allRoles') }, ...ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))];

  return (
    <section aria-labelledby="uid-heading" data-testid="uid-tab">
      <div className="section-head">
        <h2 id="uid-heading">{t('admin.uid.heading')}</h2>
        <span className="muted">{t('admin.uid.intro', { min, max })}</span>
      </div>
      <div className="admin-toolbar filters">
        <SelectField
          label={t('admin.uid.kind')}
          value={kind}
          onChange={(v) => setKind(v as Kind)}
          options={kindOptions}
          className="inline"
          data-testid="uid-kind"
        />
        {kind !== 'staff' ? (
          <SelectField
            label={t('journal.col.class')}
            value={classId}
            onChange={setClassId}
            options={classOptions}
            className="inline"
            data-testid="uid-class"
          />
        ) : (
          <SelectField
            label={t('admin.uid.role')}
            value={role}
            onChange={(v) => setRole(v as Role | '')}
            options={roleOptions}
            className="inline"
            data-testid="uid-role"
          />
        )}
        <Check label={t('admin.uid.missingOnly')} checked={missingOnly} onChange={setMissingOnly} testId="uid-missing-only" />
        <button type="button" className="btn small" onClick={() => void people.reload()} data-testid="uid-refresh">
          {t('admin.refresh')}
        </button>
        {people.data && (
          <span className="muted toolbar-end" data-testid="uid-count">
            {t('admin.uid.count', { shown: rows.length, missing })}
          </span>
        )}
      </div>
      {!people.data ? (
        <ResourceState resource={people} />
      ) : rows.length === 0 ? (
        <p className="muted empty-note" data-testid="uid-empty">
          {missingOnly ? t('admin.uid.allSet') : t('admin.nothingFound')}
        </p>
      ) : (
        <div className="table-scroll tall">
          <table className="grid compact uid-table" data-testid="uid-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  №
                </th>
                <th scope="col">{t('admin.staff.fullName')}</th>
                {kind !== 'staff' && <th scope="col">{t('journal.col.class')}</th>}
                <th scope="col">{t(`admin.uid.detail.${kind}`)}</th>
                <th scope="col" className="uid-col">
                  UID
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.uid.state')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p, i) => {
                const st = status[p.personId];
                const value = drafts[p.personId] ?? p.portalUid ?? '';
                const errId = `uid-err-${p.personId}`;
                return (
                  <tr
                    key={p.personId}
                    data-testid="uid-row"
                    data-person={p.personId}
                    className={st?.state === 'error' ? 'row-error' : st?.state === 'saved' ? 'row-saved' : undefined}
                  >
                    <td className="num muted">{i + 1}</td>
                    <th scope="row" id={`uid-name-${p.personId}`}>
                      {p.fullName}
                    </th>
                    {kind !== 'staff' && <td>{p.className ?? ''}</td>}
                    <td className="muted">{detailText(kind, p.detail)}</td>
                    <td className="uid-col">
                      <input
                        ref={(el) => {
                          inputs.current[i] = el;
                        }}
                        className="uid-input"
                        inputMode="numeric"
                        autoComplete="off"
                        value={value}
                        readOnly={!manage}
                        aria-labelledby={`uid-name-${p.personId}`}
                        aria-invalid={st?.state === 'error' ? true : undefined}
                        aria-describedby={st?.state === 'error' ? errId : undefined}
                        onChange={(e) => {
                          const v = e.target.value;
                          setDrafts((d) => ({ ...d, [p.personId]: v }));
                          if (st && st.state !== 'saving')
                            setStatus((s) => {
                              const next = { ...s };
                              delete next[p.personId];
                              return next;
                            });
                        }}
                        onKeyDown={(e) => onKey(e, i)}
                        onFocus={(e) => e.target.select()}
                        data-testid="uid-input"
                      />
                    </td>
                    <td className="uid-state" aria-live="polite">
                      {st?.state === 'saving' && <span className="muted">…</span>}
                      {st?.state === 'saved' && (
                        <span className="ok-note" data-testid="uid-saved">
                          {st.removed ? t('admin.uid.removed') : t('admin.saved')}
                        </span>
                      )}
                      {st?.state === 'error' && (
                        <span className="field-error" id={errId} role="alert" data-testid="uid-error">
                          {st.message}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {manage && <p className="muted small-print">{t('admin.uid.keys')}</p>}
      {kind === 'staff' && <Grants />}
    </section>
  );
}

/** What each staff UID grants on the portal: what the exporter sends as access grants. */
function Grants() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <details className="grants" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)} data-testid="uid-grants">
      <summary>{t('admin.uid.grants')}</summary>
      {open && <GrantsTable />}
    </details>
  );
}

function GrantsTable() {
  const { t } = useI18n();
  const grants = useResource(() => call('uid.grants', {}), 'grants');
  if (!grants.data) return <ResourceState resource={grants} />;
  if (grants.data.grants.length === 0) return <p className="muted">{t('admin.nothingFound')}</p>;
  return (
    <table className="grid compact">
      <thead>
        <tr>
          <th scope="col">UID</th>
          <th scope="col">{t('admin.staff.fullName')}</th>
          <th scope="col">{t('admin.uid.scope')}</th>
        </tr>
      </thead>
      <tbody>
        {grants.data.grants.map((g) => (
          <tr key={`${g.uid}-${g.staffId}`}>
            <td className="mono">{g.uid}</td>
            <td>{g.fullName}</td>
            <td>{g.scope.map((s) => s.label).join('; ') || <span className="muted">{t('admin.uid.noScope')}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
