// Учебный год (issue 11), part "columns". Spread into ru.ts; en must have exactly these keys (columns.en.ts).
export const columnsRu = {
  'columns.title': 'Контрольные работы',
};
