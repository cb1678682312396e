// «Замены» on the start page: the lessons the signed-in teacher replaces a colleague in, from two
// weeks back to two weeks ahead. Each link opens that journal AT ITS TERM and column: without
// the term the journal would open at today's period, where the substitute taught nothing.
import { useEffect, useState } from 'react';
import type { SubstitutionView } from '../../../src-shared/rpc/timetable';
import { dayHeading } from '../../format';
import { useI18n } from '../../i18n';
import { journalHref } from '../../journal/route';
import { invoke } from '../../rpc/client';

export function MySubstitutions() {
  const { t, locale } = useI18n();
  const [lessons, setLessons] = useState<SubstitutionView[]>([]);
  useEffect(() => {
    let live = true;
    // A failure leaves the section out: the rest of the start page still works.
    invoke('substitution.mine', {}).then(
      (r) => live && setLessons(r.lessons),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  if (lessons.length === 0) return null;
  return (
    <section aria-labelledby="subs-heading" data-testid="my-substitutions">
      <h1 id="subs-heading">{t('timetable.mine.title')}</h1>
      <ul className="subs-list">
        {lessons.map((l) => {
          const href = journalHref({ groupId: l.groupId, subjectId: l.subjectId, ...(l.termId ? { termId: l.termId } : {}) }, l);
          return (
            <li key={`${l.date}-${l.slot}-${l.groupId}-${l.subjectId}`} data-testid="substitution-row">
              <a href={href}>
                {dayHeading(l.date, locale)}, {l.slot} · {l.className} · {l.subjectName}
              </a>{' '}
              {l.plannedTeacherName && <span className="muted">{t('timetable.mine.instead', { name: l.plannedTeacherName })}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
