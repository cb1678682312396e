// A term's name in the current language: «2 четверть», «1 триместр», «Год», «Экзамен».
import type { TermKind } from '../../../src-shared/domain';
import { useI18n } from '../../i18n';

export function TermName({ kind, number }: { kind: TermKind; number: number }) {
  const { t } = useI18n();
  if (kind === 'year' || kind === 'exam' || kind === 'final') return <>{t(`calendar.term.${kind}`)}</>;
  return <>{t(`calendar.term.${kind}`, { n: number })}</>;
}
