// The monthly check (issue 12), the deputy's and director's start-page overviews. Same keys as overview.ru.ts.
import type { overviewRu } from './overview.ru';

export const overviewEn: { readonly [K in keyof typeof overviewRu]: string } = {};
