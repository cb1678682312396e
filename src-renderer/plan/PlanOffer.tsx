// «По КТП: <тема>» under an empty lesson topic: «Принять» writes the plan's topic into the
// lesson (plan.acceptTopic), «Изменить» lets the teacher edit the text before accepting it.
import { useEffect, useState } from 'react';
import type { LessonView } from '../../src-shared/rpc/journal';
import { errorText, isSessionError } from '../admin/api';
import { useI18n } from '../i18n';
import { lessonKey } from '../journal/live/versions';
import type { JournalState } from '../journal/useJournal';
import { invoke } from '../rpc/client';
import { forgetOffers, journalPlan, offerFor } from './offers';

export interface PlanOfferProps {
  groupId: number;
  subjectId: number;
  applyRemote: JournalState['applyRemote'];
}

export function PlanOffer({ groupId, subjectId, applyRemote, col, lesson }: PlanOfferProps & { col: string; lesson: LessonView }) {
  const { t } = useI18n();
  const [offer, setOffer] = useState<{ planTopicId: number; topic: string } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setOffer(null);
    setEditing(null);
    setError(null);
    journalPlan(groupId, subjectId)
      .then((p) => live && setOffer(offerFor(p, lesson.date, lesson.slot)))
      .catch(() => live && setOffer(null)); // no plan to offer from: the panel stays as it was
    return () => {
      live = false;
    };
  }, [groupId, subjectId, lesson.date, lesson.slot]);

  if (!offer) return null;

  async function accept(text: string) {
    if (busy || !offer) return;
    setBusy(true);
    setError(null);
    try {
      const edited = text.trim() !== '' && text.trim() !== offer.topic;
      const saved = await invoke('plan.acceptTopic', {
        lesson: { groupId, subjectId, date: lesson.date, slot: lesson.slot },
        planTopicId: offer.planTopicId,
        ...(edited ? { topic: text.trim() } : {}),
        version: lesson.version,
      });
      forgetOffers();
      const { editable: _, ...shared } = saved;
      // The journal takes the saved lesson as it takes any committed change of it.
      applyRemote({ kind: 'lesson', key: lessonKey(col), col, lesson: shared, version: saved.version, by: null });
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="plan-offer" data-testid="plan-offer">
      {editing === null ? (
        <>
          <span className="muted">{t('plan.offer.label')}</span> <span data-testid="plan-offer-topic">{offer.topic}</span>
          <button type="button" className="btn small primary" disabled={busy} onClick={() => void accept(offer.topic)} data-testid="plan-offer-accept">
            {t('plan.offer.accept')}
          </button>
          <button type="button" className="btn small" onClick={() => setEditing(offer.topic)} data-testid="plan-offer-edit">
            {t('plan.offer.edit')}
          </button>
        </>
      ) : (
        <>
          <input
            value={editing}
            maxLength={500}
            aria-label={t('plan.offer.editLabel')}
            onChange={(e) => setEditing(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void accept(editing);
              } else if (e.key === 'Escape') {
                e.preventDefault();
                setEditing(null);
              }
            }}
            data-testid="plan-offer-input"
          />
          <button type="button" className="btn small primary" disabled={busy || editing.trim() === ''} onClick={() => void accept(editing)} data-testid="plan-offer-accept">
            {t('plan.offer.accept')}
          </button>
          <button type="button" className="btn small" onClick={() => setEditing(null)}>
            {t('plan.offer.cancel')}
          </button>
        </>
      )}
      {error && (
        <span className="danger-text" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
