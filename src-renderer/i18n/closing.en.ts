// The school year (issue 11), part "closing". Same keys as closing.ru.ts.
import type { closingRu } from './closing.ru';

export const closingEn: { readonly [K in keyof typeof closingRu]: string } = {
  'closing.title': 'Closing terms',
};
