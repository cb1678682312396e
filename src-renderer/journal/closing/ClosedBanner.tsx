// «Четверть закрыта …» above a closed journal: when and by whom, what the deputy reopened and
// why, and for the deputy the «Открыть для исправления» of the journal, the focused cell or the
// focused pupil's term mark.
import { useEffect, useState } from 'react';
import type { JournalView, LessonView } from '../../../src-shared/rpc/journal';
import { hasPermission } from '../../../src-shared/permissions';
import { useI18n } from '../../i18n';
import { invoke } from '../../rpc/client';
import { closedLabel } from './labels';
import { dayOf, journalReopened } from './reopen';
import { ReopenDialog, type ReopenTarget } from './ReopenDialog';
import './closing.css';

type Term = JournalView['term'];
type Pupil = JournalView['pupils'][number];

interface Props {
  view: JournalView;
  term: Term;
  /** The focused cell: a lesson column (or undefined: the term mark column) and its pupil. */
  pupil: Pupil | undefined;
  lesson: LessonView | undefined;
}

const ddmm = (date: string) => date.slice(8, 10) + '.' + date.slice(5, 7);

export function ClosedBanner({ view, term, pupil, lesson }: Props) {
  const { t } = useI18n();
  const [reopened, setReopened] = useState(view.reopened);
  const [deputy, setDeputy] = useState(false);
  const [dialog, setDialog] = useState<ReopenTarget | null>(null);
  const closed = view.closed !== null || term.closed;

  useEffect(() => {
    if (!closed) return;
    let live = true;
    invoke('auth.me', {}).then(
      (me) => live && setDeputy(hasPermission(me.user.roles, 'terms.close')),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [closed]);

  if (!closed) return null;
  const pupilName = (id: number | null) => view.pupils.find((p) => p.id === id)?.name ?? '';
  const lessonDate = (id: number | null) => view.lessons.find((l) => l.lessonId === id)?.date;
  const base = { termId: term.id, groupId: view.group.id, subjectId: view.subject.id };
  const whole = journalReopened(reopened);

  return (
    <div className="jclosed" role="status" data-testid="closed-banner">
      <p>
        <strong>{closedLabel(t, term)}</strong>
        {view.closed && ` ${t('closing.banner.when', { date: dayOf(view.closed.at), by: view.closed.by ?? '' })}`}
        {!whole && <span className="muted"> {t('closing.banner.readOnly')}</span>}
      </p>
      {reopened.length > 0 && (
        <ul data-testid="reopened-list">
          {reopened.map((r) => (
            <li key={r.id}>
              {r.lessonId === null && r.pupilId === null
                ? t('closing.banner.reopenedJournal', { reason: r.reason })
                : r.lessonId === null
                  ? t('closing.banner.reopenedMark', { pupil: pupilName(r.pupilId), reason: r.reason })
                  : t('closing.banner.reopenedCell', {
                      pupil: pupilName(r.pupilId),
                      date: ddmm(lessonDate(r.lessonId) ?? ''),
                      reason: r.reason,
                    })}
            </li>
          ))}
        </ul>
      )}
      {deputy && (
        <div className="actions">
          {!whole && (
            <button
              type="button"
              className="btn small"
              data-testid="reopen-journal"
              onClick={() => setDialog({ ...base, label: `${view.group.name} · ${view.subject.name}` })}
            >
              {t('closing.reopen.journal')}
            </button>
          )}
          {!whole && pupil && lesson?.lessonId != null && (
            <button
              type="button"
              className="btn small"
              data-testid="reopen-cell"
              onClick={() =>
                setDialog({ ...base, lessonId: lesson.lessonId!, pupilId: pupil.id, label: `${pupil.name}, ${ddmm(lesson.date)}` })
              }
            >
              {t('closing.reopen.cell', { pupil: pupil.name, date: ddmm(lesson.date) })}
            </button>
          )}
          {!whole && pupil && !lesson && (
            <button
              type="button"
              className="btn small"
              data-testid="reopen-mark"
              onClick={() => setDialog({ ...base, pupilId: pupil.id, label: pupil.name })}
            >
              {t('closing.reopen.mark', { pupil: pupil.name })}
            </button>
          )}
        </div>
      )}
      {dialog && <ReopenDialog target={dialog} onDone={(r) => setReopened((x) => [...x, r])} onClose={() => setDialog(null)} />}
    </div>
  );
}
