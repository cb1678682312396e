// One remark on the teacher's start page. «Исправлено» opens a reply field first: the answer
// («тема внесена») goes to the deputy with the state change, in one call.
import { useId, useState } from 'react';
import type { RemarkView } from '../../src-shared/rpc/check';
import { longDate } from '../format';
import { useI18n } from '../i18n';
import { daysLeft, remarkActions, remarkHref } from './remarks';

interface Props {
  remark: RemarkView;
  today: string;
  onAcknowledge(): Promise<boolean>;
  onFixed(reply: string): Promise<boolean>;
}

export function RemarkRow({ remark: r, today, onAcknowledge, onFixed }: Props) {
  const { t, locale } = useI18n();
  const id = useId();
  const [replying, setReplying] = useState(false);
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState(false);
  const can = remarkActions(r);
  const href = remarkHref(r);
  const left = daysLeft(r.deadline, today);
  const run = async (f: () => Promise<boolean>) => {
    setBusy(true);
    const ok = await f();
    setBusy(false);
    if (ok) setReplying(false);
  };

  return (
    <li className={`remark-row st-${r.state}`} data-testid={`remark-${r.id}`} data-state={r.state}>
      <div className="remark-head">
        <span className={`tag remark-state st-${r.state}`} data-testid="remark-state">
          {t(`remarks.state.${r.state}`)}
        </span>
        <span className="remark-deadline" data-testid="remark-deadline">
          {t('remarks.deadline', { date: longDate(r.deadline, locale) })}
          {can.fix && (
            <span className={left < 0 ? 'remark-late' : 'muted'}>
              {' '}
              ({left > 0 ? t('remarks.daysLeft', { n: left }) : left === 0 ? t('remarks.dueToday') : t('remarks.daysLate', { n: -left })})
            </span>
          )}
        </span>
        {r.groupName && r.subjectName && <span className="muted">{t('remarks.where', { group: r.groupName, subject: r.subjectName })}</span>}
        {r.pupilName && <span className="muted">{t('remarks.pupil', { name: r.pupilName })}</span>}
      </div>
      <p className="remark-text" data-testid="remark-text">
        {r.text}
      </p>
      {r.reply && <p className="muted">{t('remarks.yourReply', { reply: r.reply })}</p>}
      {r.state === 'fixed' && <p className="muted">{r.fixedBy === 'recheck' ? t('remarks.byRecheck') : t('remarks.waitVerify')}</p>}
      <div className="remark-actions">
        {href && (
          <a className="btn small" href={href} data-testid="remark-open">
            {t('remarks.open')}
          </a>
        )}
        {can.acknowledge && (
          <button type="button" className="btn small" disabled={busy} onClick={() => void run(onAcknowledge)} data-testid="remark-ack">
            {t('remarks.acknowledge')}
          </button>
        )}
        {can.fix && !replying && (
          <button type="button" className="btn small primary" disabled={busy} onClick={() => setReplying(true)} data-testid="remark-fixed">
            {t('remarks.fixed')}
          </button>
        )}
      </div>
      {replying && (
        <form
          className="remark-reply"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => onFixed(reply));
          }}
        >
          <label htmlFor={`${id}-reply`}>{t('remarks.reply')}</label>
          <textarea
            id={`${id}-reply`}
            value={reply}
            rows={2}
            maxLength={2000}
            autoFocus
            placeholder={t('remarks.replyPlaceholder')}
            onChange={(e) => setReply(e.target.value)}
            data-testid="remark-reply"
          />
          <div className="remark-actions">
            <button type="submit" className="btn small primary" disabled={busy} data-testid="remark-fixed-save">
              {t('remarks.send')}
            </button>
            <button type="button" className="btn small" disabled={busy} onClick={() => setReplying(false)}>
              {t('remarks.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
