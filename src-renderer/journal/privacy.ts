// The free-text warning's wording (issue 9): one Russian sentence per finding, naming what was
// found, so the teacher sees which words to rephrase.
import type { LessonView, PrivacyFinding } from '../../src-shared/rpc/journal';
import type { Translate } from '../i18n';

type Field = PrivacyFinding['field'];

export function privacyMessage(f: PrivacyFinding, t: Translate): string {
  switch (f.kind) {
    case 'surname':
    case 'name':
    case 'patronymic':
      return t(`journal.privacy.${f.kind}`, { who: t(`journal.privacy.who.${f.who ?? 'none'}`), text: f.text });
    default:
      return t(`journal.privacy.${f.kind}`, { text: f.text });
  }
}

/** The messages for one field; a file's name leads its own. Repeated ones are shown once. */
export function privacyMessages(
  findings: readonly PrivacyFinding[],
  field: Field,
  files: readonly Pick<LessonView['files'][number], 'id' | 'name'>[],
  t: Translate,
): string[] {
  const lines = findings
    .filter((f) => f.field === field)
    .map((f) => {
      const what = privacyMessage(f, t);
      if (field !== 'file') return what;
      const name = files.find((x) => x.id === f.fileId)?.name ?? '';
      return t('journal.privacy.file', { name, what: what[0]!.toLowerCase() + what.slice(1) });
    });
  return [...new Set(lines)];
}
