// Times of the export screens: instants (ISO, UTC) shown on the school's clock (Moscow).
const cache = new Map<string, Intl.DateTimeFormat>();

/** "26.11.2026, 18:00" in Europe/Moscow, whatever the workstation's zone. */
export function dateTime(iso: string | null, locale: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  let f = cache.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Moscow',
    });
    cache.set(locale, f);
  }
  return f.format(d);
}

/** Bytes as kilobytes with one decimal ("12,4"). */
export function kilobytes(bytes: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1024);
}
