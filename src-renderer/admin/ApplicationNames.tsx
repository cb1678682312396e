// «Имена в заявлении» (issue 13): how the application will print the guardian («от …») and the
// pupil («моего ребёнка (подопечного) …»), each correctable; the list reloads on close.
import { useI18n } from '../i18n';
import type { Application } from './api';
import { NameFormEditor } from './NameFormEditor';
import { Dialog } from './ui';

export function ApplicationNames({ app, manage, onClose }: { app: Application; manage: boolean; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Dialog title={t('forms.names.heading', { number: app.number })} onClose={onClose} testId="application-names">
      <p className="muted">{t('forms.names.intro')}</p>
      <NameFormEditor
        personId={app.guardianId}
        gramCase="genitive"
        label={t('forms.names.guardian')}
        testId="names-guardian"
        manage={manage}
      />
      <NameFormEditor personId={app.pupilId} gramCase="genitive" label={t('forms.names.pupil')} testId="names-pupil" manage={manage} />
      <div className="form-actions">
        <button type="button" className="btn" onClick={onClose} data-testid="application-names-close">
          {t('forms.names.close')}
        </button>
      </div>
    </Dialog>
  );
}
