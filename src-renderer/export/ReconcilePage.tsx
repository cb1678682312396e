// «Проверка дневника» (issue 5): a month of the journal against the portal, per journal,
// with the lessons that differ and, inside them, the pupil and both values (ReconcileDetail). The caller's scope (own subjects, own class, everything) is
// decided in main; the class and subject filters offer what the month's answer held.
import { Fragment, useEffect, useMemo, useState } from 'react';
import type { MethodOutput } from '../../src-shared/rpc/registry';
import { numericDate } from '../admin/api';
import { ResourceState, useResource } from '../admin/ui';
import { schoolMonth } from '../format';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { ReconcileDetail } from './ReconcileDetail';
import '../styles/export.css';

type Result = MethodOutput<'export.reconcile'>;
type Journal = Result['journals'][number];
type Option = { id: number; name: string };

const journalKey = (j: Journal) => `${j.groupId}:${j.subjectId}`;

function addOptions(into: Map<number, string>, items: Option[]): boolean {
  let changed = false;
  for (const o of items)
    if (!into.has(o.id)) {
      into.set(o.id, o.name);
      changed = true;
    }
  return changed;
}

export function ReconcilePage() {
  const { t } = useI18n();
  const info = useResource(() => invoke('school.info', {}), 'info');
  const [month, setMonth] = useState('');
  const [groupId, setGroupId] = useState<number | null>(null);
  const [subjectId, setSubjectId] = useState<number | null>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  // Filter choices: every class and subject seen in this month's answers.
  const [groups, setGroups] = useState<Option[]>([]);
  const [subjects, setSubjects] = useState<Option[]>([]);

  // Default: the school's current month (the server's clock), else the workstation's.
  useEffect(() => {
    if (month) return;
    if (info.data) setMonth(info.data.today.slice(0, 7));
    else if (info.error) setMonth(schoolMonth(new Date()));
  }, [info.data, info.error, month]);

  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const key = `${month}|${groupId ?? ''}|${subjectId ?? ''}`;
  const result = useResource<Result | null>(
    () =>
      valid
        ? invoke('export.reconcile', { month, ...(groupId !== null ? { groupId } : {}), ...(subjectId !== null ? { subjectId } : {}) })
        : Promise.resolve(null),
    key,
  );

  useEffect(() => {
    setGroups([]);
    setSubjects([]);
    setOpen(new Set());
  }, [month]);

  useEffect(() => {
    const journals = result.data?.journals;
    if (!journals) return;
    const merge = (prev: Option[], items: Option[]) => {
      const m = new Map(prev.map((o) => [o.id, o.name] as const));
      if (!addOptions(m, items)) return prev;
      return [...m].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'ru', { numeric: true }));
    };
    setGroups((prev) =>
      merge(
        prev,
        journals.map((j) => ({ id: j.groupId, name: j.groupName })),
      ),
    );
    setSubjects((prev) =>
      merge(
        prev,
        journals.map((j) => ({ id: j.subjectId, name: j.subjectName })),
      ),
    );
  }, [result.data]);

  const data = result.data;
  const counts = useMemo(() => {
    const js = data?.journals ?? [];
    const same = js.filter((j) => j.same).length;
    return { total: js.length, same, diff: js.length - same };
  }, [data]);

  function toggle(k: string) {
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      return next;
    });
  }

  return (
    <div className="export recon" data-testid="reconcile-page">
      <h1>{t('recon.title')}</h1>
      <p className="muted">{t('recon.intro')}</p>
      <form
        className="recon-filters"
        onSubmit={(e) => {
          e.preventDefault();
          void result.reload();
        }}
      >
        <div className="field">
          <label htmlFor="recon-month">{t('recon.month')}</label>
          <input
            id="recon-month"
            type="month"
            value={month}
            onChange={(e) => setMonth(e.target.value)}
            required
            data-testid="recon-month"
          />
        </div>
        <div className="field">
          <label htmlFor="recon-group">{t('recon.group')}</label>
          <select
            id="recon-group"
            value={groupId ?? ''}
            onChange={(e) => setGroupId(e.target.value ? Number(e.target.value) : null)}
            data-testid="recon-group"
          >
            <option value="">{t('recon.all')}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="recon-subject">{t('recon.subject')}</label>
          <select
            id="recon-subject"
            value={subjectId ?? ''}
            onChange={(e) => setSubjectId(e.target.value ? Number(e.target.value) : null)}
            data-testid="recon-subject"
          >
            <option value="">{t('recon.all')}</option>
            {subjects.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn" disabled={!valid || result.loading} data-testid="recon-check">
          {t('recon.check')}
        </button>
      </form>

      {result.loading && valid && (
        <p className="muted export-busy" role="status" aria-busy="true" data-testid="recon-loading">
          <span className="export-spinner" aria-hidden="true" />
          {t('recon.checking')}
        </p>
      )}
      {!data && !result.loading && <ResourceState resource={result} testId="recon-error" />}
      {data && result.error && <ResourceState resource={result} testId="recon-error" />}
      {data && (
        <>
          <p data-testid="recon-summary">
            {t('recon.period', { from: numericDate(data.from), to: numericDate(data.to) })}. {t('recon.summary', counts)}
          </p>
          {data.journals.length === 0 ? (
            <p className="muted" data-testid="recon-empty">
              {t('recon.empty')}
            </p>
          ) : (
            <div className="table-scroll">
              <table className="grid recon-table" data-testid="recon-table">
                <thead>
                  <tr>
                    <th scope="col">{t('recon.col.group')}</th>
                    <th scope="col">{t('recon.col.subject')}</th>
                    <th scope="col">{t('recon.col.result')}</th>
                    <th scope="col" className="num" title={t('recon.localPortal')}>
                      {t('recon.col.lessons')}
                    </th>
                    <th scope="col" className="num" title={t('recon.localPortal')}>
                      {t('recon.col.marks')}
                    </th>
                    <th scope="col" className="num" title={t('recon.localPortal')}>
                      {t('recon.col.absences')}
                    </th>
                    <th scope="col">
                      <span className="visually-hidden">{t('recon.show')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.journals.map((j) => {
                    const k = journalKey(j);
                    const expanded = open.has(k);
                    return (
                      <Fragment key={k}>
                        <tr
                          className={j.same ? 'recon-row same' : 'recon-row diff'}
                          data-testid="recon-row"
                          data-same={j.same ? 'true' : 'false'}
                        >
                          <td>{j.groupName}</td>
                          <td>{j.subjectName}</td>
                          <td>
                            {j.same ? (
                              <span className="recon-mark same" data-testid="recon-same">
                                ✓ {t('recon.same')}
                              </span>
                            ) : (
                              <span className="recon-mark diff" data-testid="recon-diff">
                                ✗ {t('recon.diff', { n: j.lessons.length })}
                              </span>
                            )}
                          </td>
                          <Counts local={j.local.lessons} portal={j.portal.lessons} />
                          <Counts local={j.local.marks} portal={j.portal.marks} />
                          <Counts local={j.local.absences} portal={j.portal.absences} />
                          <td>
                            {!j.same && (
                              <button
                                type="button"
                                className="btn small"
                                aria-expanded={expanded}
                                onClick={() => toggle(k)}
                                data-testid="recon-toggle"
                              >
                                {expanded ? t('recon.hide') : t('recon.show')}
                              </button>
                            )}
                          </td>
                        </tr>
                        {expanded && (
                          <tr className="recon-detail">
                            <td colSpan={7}>
                              {j.lessons.length === 0 ? (
                                <p className="muted">{t('recon.countsOnly')}</p>
                              ) : (
                                <ReconcileDetail lessons={j.lessons} cells={j.cells} cellsTotal={j.cellsTotal} />
                              )}
                            </td>
                          </tr>
                        )}
                      </Fragment>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}

function Counts({ local, portal }: { local: number; portal: number }) {
  return (
    <td className={local === portal ? 'num' : 'num recon-count-diff'}>
      {local} / {portal}
    </td>
  );
}
