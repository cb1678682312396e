// Formats of the export screens. Instants go through the one formatter (../format.ts).
export { instant as dateTime } from '../format';

/** Bytes as kilobytes with one decimal ("12,4"). */
export function kilobytes(bytes: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1024);
}
