// Sections whose pages come with later issues: say what will be here.
import { useI18n } from '../i18n';

export function PlaceholderPage({ title, text }: { title: string; text: string }) {
  const { t } = useI18n();
  return (
    <section className="placeholder">
      <h1>{title}</h1>
      <p>{text}</p>
      <p className="muted">{t('placeholder.soon')}</p>
    </section>
  );
}
