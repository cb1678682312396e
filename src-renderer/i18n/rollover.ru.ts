// Учебный год (issue 11), part "rollover". Spread into ru.ts; en must have exactly these keys (rollover.en.ts).
export const rolloverRu = {
  'rollover.title': 'Перевод учебного года',
};
