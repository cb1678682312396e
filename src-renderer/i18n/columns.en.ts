// The school year (issue 11), part "columns". Same keys as columns.ru.ts.
import type { columnsRu } from './columns.ru';

export const columnsEn: { readonly [K in keyof typeof columnsRu]: string } = {
  'columns.title': 'Control works',
};
