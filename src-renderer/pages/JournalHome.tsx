// The teacher's start page: own classes and subjects, and the week's lessons by day; each
// opens its journal (a lesson opens at its column). Readers open any journal from the picker.
// The deputy and the director see their overview instead of an empty load table (issue 12).
import { useCallback, useEffect, useState } from 'react';
import { addDays, weekday } from '../../src-shared/dates';
import type { MethodOutput } from '../../src-shared/rpc/registry';
import { FormError } from '../components/form';
import { dayHeading, longDate, number } from '../format';
import { useI18n } from '../i18n';
import { OpenJournal } from '../journal/JournalPicker';
import { journalHref } from '../journal/route';
import { invoke, RpcError } from '../rpc/client';
import type { Role } from '../../src-shared/domain';
import { overviewKind, RoleOverview } from '../overview/RoleOverview';
import { MyRemarks } from '../remarks/MyRemarks';
import { MySubstitutions } from '../year/timetable/MySubstitutions';

type MyWork = MethodOutput<'journal.myWork'>;
type Lesson = MyWork['week'][number];

export function JournalHome({ roles = [] }: { roles?: readonly Role[] }) {
  const { t } = useI18n();
  /** Any date inside the week shown; null = the current week. */
  const [date, setDate] = useState<string | null>(null);
  const [data, setData] = useState<MyWork | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (d: string | null) => {
    setError(null);
    try {
      setData(await invoke('journal.myWork', d ? { date: d } : {}));
    } catch (e) {
      // Locked/ended sessions are taken over by the shell; show the rest here.
      if (e instanceof RpcError && (e.code === 'session_locked' || e.code === 'unauthenticated')) return;
      setError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    void load(date);
  }, [date, load]);

  if (error)
    return (
      <div className="card">
        <FormError error={error} />
        <button className="btn" onClick={() => void load(date)}>
          {t('app.retry')}
        </button>
      </div>
    );
  if (!data)
    return (
      <p className="muted" aria-busy="true">
        {t('app.loading')}
      </p>
    );

  return (
    <div className="journal-home">
      <RoleOverview roles={roles} />
      <MyRemarks today={data.today} />
      <OpenJournal />
      <MySubstitutions />
      {/* A reader with an overview and no lessons of their own has nothing to see in these two. */}
      {(overviewKind(roles) === null || data.load.length > 0) && (
        <>
          <LoadTable data={data} />
          <WeekLessons data={data} onWeek={setDate} />
        </>
      )}
    </div>
  );
}

function LoadTable({ data }: { data: MyWork }) {
  const { t, locale } = useI18n();
  return (
    <section aria-labelledby="load-heading" data-testid="my-load">
      <h1 id="load-heading">{t('journal.load')}</h1>
      {data.load.length === 0 ? (
        <p className="muted" data-testid="no-load">
          {t('journal.noLoad')} {t('journal.readerNote')}
        </p>
      ) : (
        <table className="grid load-table">
          <thead>
            <tr>
              <th scope="col">{t('journal.col.class')}</th>
              <th scope="col">{t('journal.col.group')}</th>
              <th scope="col">{t('journal.col.subject')}</th>
              <th scope="col" className="num">
                {t('journal.col.hours')}
              </th>
              <th scope="col" className="num">
                {t('journal.col.pupils')}
              </th>
              <th scope="col">{t('journal.col.access')}</th>
            </tr>
          </thead>
          <tbody>
            {data.load.map((l) => (
              <tr
                key={`${l.groupId}-${l.subjectId}`}
                className="link-row"
                onClick={() => (window.location.hash = journalHref(l))}
                data-testid="load-row"
                data-access={l.access}
              >
                <td className="strong">{l.className}</td>
                <td>{l.groupName === l.className ? <span className="muted">{t('journal.wholeClass')}</span> : l.groupName}</td>
                <td>
                  <a href={journalHref(l)} onClick={(e) => e.stopPropagation()}>
                    {l.subjectName}
                  </a>
                </td>
                <td className="num">{number(l.hoursPerWeek, locale)}</td>
                <td className="num">{l.pupils}</td>
                <td>
                  <span className={`access ${l.access}`}>{t(`journal.access.${l.access}`)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function WeekLessons({ data, onWeek }: { data: MyWork; onWeek(date: string | null): void }) {
  const { t, locale } = useI18n();
  const byDay = new Map<string, Lesson[]>();
  for (const l of data.week) {
    const list = byDay.get(l.date);
    if (list) list.push(l);
    else byDay.set(l.date, [l]);
  }
  // Monday to Friday always; Saturday and Sunday only when something is timetabled.
  const days = Array.from({ length: 7 }, (_, i) => addDays(data.weekStart, i)).filter((d) => weekday(d) <= 5 || byDay.has(d));
  const sunday = addDays(data.weekStart, 6);
  const isCurrentWeek = data.today >= data.weekStart && data.today <= sunday;

  return (
    <section aria-labelledby="week-heading" data-testid="week">
      <div className="section-head">
        <h1 id="week-heading">{t('journal.week')}</h1>
        <span className="muted" data-testid="week-range">
          {t('journal.weekRange', { from: longDate(data.weekStart, locale), to: longDate(sunday, locale) })}
        </span>
        <div className="week-nav">
          <button className="btn small" onClick={() => onWeek(addDays(data.weekStart, -7))} data-testid="week-prev">
            {t('journal.prevWeek')}
          </button>
          <button className="btn small" onClick={() => onWeek(null)} disabled={isCurrentWeek} data-testid="week-current">
            {t('journal.thisWeek')}
          </button>
          <button className="btn small" onClick={() => onWeek(addDays(data.weekStart, 7))} data-testid="week-next">
            {t('journal.nextWeek')}
          </button>
        </div>
      </div>
      {data.week.length === 0 && <p className="muted">{t('journal.noLessonsWeek')}</p>}
      <div className="days">
        {days.map((d) => {
          const lessons = byDay.get(d) ?? [];
          const today = d === data.today;
          return (
            <section
              key={d}
              className={today ? 'day today' : 'day'}
              aria-current={today ? 'date' : undefined}
              aria-label={dayHeading(d, locale)}
              data-testid={`day-${d}`}
              data-today={today || undefined}
            >
              <h2 className="day-head">
                <span>{dayHeading(d, locale)}</span>
                {today && <span className="badge today-badge">{t('journal.today')}</span>}
              </h2>
              {lessons.length === 0 ? (
                <p className="muted day-empty">{t('journal.noLessonsDay')}</p>
              ) : (
                <table className="grid lessons">
                  <thead className="visually-hidden">
                    <tr>
                      <th scope="col">{t('journal.col.slot')}</th>
                      <th scope="col">{t('journal.col.group')}</th>
                      <th scope="col">{t('journal.col.subject')}</th>
                      <th scope="col">{t('journal.col.room')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {lessons.map((l) => (
                      <tr
                        key={`${l.slot}-${l.groupId}-${l.subjectId}`}
                        className="link-row"
                        onClick={() => (window.location.hash = journalHref(l, l))}
                        data-testid="lesson-row"
                      >
                        <td className="slot">{l.slot}</td>
                        <td className="strong">{l.groupName}</td>
                        <td>
                          <div>
                            <a href={journalHref(l, l)} onClick={(e) => e.stopPropagation()}>
                              {l.subjectName}
                            </a>
                          </div>
                          <div className={l.topic ? 'topic' : 'topic muted'}>
                            {l.lessonId && !l.held ? t('journal.notHeld') : (l.topic ?? t('journal.noTopic'))}
                          </div>
                        </td>
                        <td className="room">{l.room ? t('journal.room', { room: l.room }) : ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          );
        })}
      </div>
    </section>
  );
}
