// The monthly check (issue 12), the deputy's check screens (Контроль). Same keys as check.ru.ts.
import type { checkRu } from './check.ru';

export const checkEn: { readonly [K in keyof typeof checkRu]: string } = {};
