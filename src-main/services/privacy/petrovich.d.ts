// petrovich 0.2.1 ships no types: the part of its API the free-text check uses.
declare module 'petrovich' {
  type Case = 'nominative' | 'genitive' | 'dative' | 'accusative' | 'instrumental' | 'prepositional';
  type Inflect = Record<Case, (name: string) => string>;
  type Gender = 'male' | 'female' | 'androgynous';
  const petrovich: Record<Gender, Record<'first' | 'middle' | 'last', Inflect>> & {
    detect_gender(middle: string): Gender;
  };
  export default petrovich;
}
