// The monthly check (issue 12), the deputy's check screens (Контроль). Spread into ru.ts; en must have exactly these keys (check.en.ts).
export const checkRu = {};
