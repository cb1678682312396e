// The archives in the school's archive folder, each with «Проверить архив»: sizes, sha256 and
// the signature checked in main against the manifest (archive.verify), the verdict shown here.
import { useState } from 'react';
import type { MethodOutput } from '../../../src-shared/rpc/registry';
import { errorText, isSessionError } from '../../admin/api';
import { instant } from '../../format';
import { useI18n } from '../../i18n';
import { invoke } from '../../rpc/client';

type Listed = MethodOutput<'archive.status'>['archives'][number];
type Verdict = MethodOutput<'archive.verify'>;

export function ArchiveList({ archives }: { archives: readonly Listed[] }) {
  const { t, locale } = useI18n();
  const [verdicts, setVerdicts] = useState<Record<string, Verdict | string>>({});
  const [busy, setBusy] = useState<string | null>(null);

  async function check(folder: string) {
    setBusy(folder);
    try {
      const v = await invoke('archive.verify', { folder });
      setVerdicts((all) => ({ ...all, [folder]: v }));
    } catch (e) {
      if (!isSessionError(e)) setVerdicts((all) => ({ ...all, [folder]: errorText(e) }));
    } finally {
      setBusy(null);
    }
  }

  if (archives.length === 0) return <p className="muted">{t('archive.list.empty')}</p>;
  return (
    <div className="table-scroll">
      <table className="grid" data-testid="archive-list">
        <thead>
          <tr>
            <th scope="col">{t('archive.col.folder')}</th>
            <th scope="col">{t('archive.col.year')}</th>
            <th scope="col">{t('archive.col.created')}</th>
            <th scope="col">{t('archive.col.check')}</th>
          </tr>
        </thead>
        <tbody>
          {archives.map((a) => {
            const v = verdicts[a.folder];
            return (
              <tr key={a.folder} data-testid={`archive-row-${a.folder}`}>
                <th scope="row">{a.folder}</th>
                <td>{a.yearLabel ?? '—'}</td>
                <td>{a.createdAt ? instant(a.createdAt, locale) : '—'}</td>
                <td>
                  <button type="button" className="btn" disabled={busy !== null} onClick={() => void check(a.folder)} data-testid="archive-verify">
                    {t('archive.verify')}
                  </button>
                  {v !== undefined && <VerdictView verdict={v} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function VerdictView({ verdict }: { verdict: Verdict | string }) {
  const { t } = useI18n();
  if (typeof verdict === 'string') return <p className="form-error">{verdict}</p>;
  if (verdict.ok)
    return (
      <p role="status" data-testid="archive-verdict-ok">
        {t('archive.verdict.ok', { files: verdict.files })} {verdict.ownKey ? t('archive.verdict.ownKey') : t('archive.verdict.otherKey', { fingerprint: verdict.fingerprint ?? '' })}
      </p>
    );
  return (
    <div className="form-error" role="alert" data-testid="archive-verdict-bad">
      {t('archive.verdict.bad')}
      <ul>
        {verdict.problems.slice(0, 20).map((p, i) => (
          <li key={i}>{p.message}</li>
        ))}
      </ul>
    </div>
  );
}
