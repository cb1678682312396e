// The monthly check (issue 12), the teacher's remarks (start page, journal markers). Same keys as remarks.ru.ts.
import type { remarksRu } from './remarks.ru';

export const remarksEn: { readonly [K in keyof typeof remarksRu]: string } = {};
