// Учебный год (issue 11), part "closing". Spread into ru.ts; en must have exactly these keys (closing.en.ts).
export const closingRu = {
  'closing.title': 'Закрытие периодов',
};
