// «Как будет напечатано» in the application form (issue 13): the pupil and an existing guardian
// as the printed application declines them, before it is registered. A new guardian is declined
// once saved; its form is checked and corrected from the list («Имена в заявлении»).
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';

function usePrinted(personId: number | null): string | null {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    setText(null);
    if (personId === null) return;
    let live = true;
    invoke('names.forms', { personId }).then(
      (v) => live && setText(v.forms.find((f) => f.case === 'genitive')!.printed),
      // The preview is a help, not a step: a refusal leaves it out and the form goes on.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [personId]);
  return text;
}

export function ApplicationPreview({ pupilId, guardianId }: { pupilId: number; guardianId: number | 'new' | null }) {
  const { t } = useI18n();
  const pupil = usePrinted(pupilId);
  const guardian = usePrinted(typeof guardianId === 'number' ? guardianId : null);
  if (!pupil && !guardian && guardianId !== 'new') return null;
  return (
    <div className="muted small-print" role="note" data-testid="application-preview">
      <span className="strong">{t('forms.preview.heading')}</span>{' '}
      {guardian && <span data-testid="preview-guardian">{t('forms.names.listFrom', { text: guardian })}; </span>}
      {guardianId === 'new' && <span>{t('forms.preview.newGuardian')} </span>}
      {pupil && <span data-testid="preview-pupil">{t('forms.preview.child', { text: pupil })}</span>}
    </div>
  );
}
