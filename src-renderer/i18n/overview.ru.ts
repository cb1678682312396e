// The monthly check (issue 12), the deputy's and director's start-page overviews. Spread into ru.ts; en must have exactly these keys (overview.en.ts).
export const overviewRu = {};
