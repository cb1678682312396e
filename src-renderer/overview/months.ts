// Month headings of the overview: "нояб. 2026" in the reader's language (pure).
const cache = new Map<string, Intl.DateTimeFormat>();

export function monthLabel(month: string, locale: string): string {
  let f = cache.get(locale);
  if (!f) cache.set(locale, (f = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' })));
  return f.format(new Date(`${month}-15T12:00:00Z`));
}
