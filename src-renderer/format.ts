// Dates on screen. School dates are plain YYYY-MM-DD in Europe/Moscow; they are formatted
// at noon UTC so no time zone of the workstation can move them to another day. Instants (ISO
// timestamps in UTC) are shown on the school's clock by `instant` below, the one place that
// formats them, whatever the workstation's time zone (issue 9).
import { SCHOOL_TZ, schoolDate } from '../src-shared/dates';
const at = (date: string) => new Date(`${date}T12:00:00Z`);

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...opts, timeZone: 'UTC' });
    cache.set(key, f);
  }
  return f;
}

const capitalize = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/** "Четверг, 26 ноября" */
export function dayHeading(date: string, locale: string): string {
  return capitalize(fmt(locale, { weekday: 'long', day: 'numeric', month: 'long' }).format(at(date)));
}

/** "26 ноября 2026 г." */
export function longDate(date: string, locale: string): string {
  return fmt(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(at(date));
}

/** "26.11" */
export function shortDate(date: string, locale: string): string {
  return fmt(locale, { day: '2-digit', month: '2-digit' }).format(at(date));
}

/** "нояб. 2026 г.": a school month (YYYY-MM), the overview's column heading. */
export function monthLabel(month: string, locale: string): string {
  return fmt(locale, { month: 'short', year: 'numeric' }).format(at(`${month}-15`));
}

/** Numbers like 2.5 hours in the reader's convention ("2,5"). */
export function number(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
}

const instants = new Map<string, Intl.DateTimeFormat>();

/** "26.11.2026, 18:00": an instant (ISO, UTC) on the school's clock; "—" for none. */
export function instant(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  let f = instants.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: SCHOOL_TZ,
    });
    instants.set(locale, f);
  }
  return f.format(d);
}

/** The school's month (YYYY-MM) at an instant: the workstation's zone does not matter. */
export function schoolMonth(at: Date): string {
  return schoolDate(at).slice(0, 7);
}
