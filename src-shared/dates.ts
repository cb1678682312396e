// School dates are local to Europe/Moscow; instants are UTC ISO strings.
export const SCHOOL_TZ = 'Europe/Moscow';

const dateFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: SCHOOL_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The school-local calendar date of an instant. */
export function schoolDate(at: Date): string {
  return dateFmt.format(at);
}

/** ISO weekday of a YYYY-MM-DD date: Monday 1 .. Sunday 7. */
export function weekday(date: string): number {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Monday of the week that holds date. */
export function weekStart(date: string): string {
  return addDays(date, 1 - weekday(date));
}

/** "2026-12-07" → "07.12.2026": table cells and printed footers. */
export function dotDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

const RU_MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** "2026-11-26" → "26 ноября 2026 г." */
export function formatRuDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${RU_MONTHS[m - 1]} ${y} г.`;
}
