// The monthly check (issue 12), the teacher's remarks (start page, journal markers). Spread into ru.ts; en must have exactly these keys (remarks.en.ts).
export const remarksRu = {};
