// The school year (issue 11), part "rollover". Same keys as rollover.ru.ts.
import type { rolloverRu } from './rollover.ru';

export const rolloverEn: { readonly [K in keyof typeof rolloverRu]: string } = {
  'rollover.title': 'Year rollover',
};
