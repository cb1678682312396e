// Small formatting shared by the journal services.
export const className = (grade: number, letter: string) => `${grade}${letter}`;
