import { describe, expect, it } from 'vitest';
import { fold, numberKey, parseAddressQuery, streetWords, withinOneEdit } from '../../../src/common/address-text.ts';

describe('address text', () => {
  it('folds Polish letters and case away', () => {
    expect(fold('Józefa ŁOBZOWSKA Żółć')).toBe('jozefa lobzowska zolc');
  });

  it('drops street-type words with or without a dot', () => {
    expect(streetWords('ul. Józefa')).toEqual(['jozefa']);
    expect(streetWords('al. 29 Listopada')).toEqual(['29', 'listopada']);
    expect(streetWords('pl. Nowy')).toEqual(['nowy']);
    expect(streetWords('os. Centrum A')).toEqual(['centrum', 'a']);
  });

  it('reads a house number with a letter, apart or attached, and a flat', () => {
    expect(parseAddressQuery('ul. Józefa 12a')).toEqual({ words: ['jozefa'], number: '12a', numberWhole: null });
    expect(parseAddressQuery('Józefa 12 A')).toEqual({ words: ['jozefa'], number: '12a', numberWhole: null });
    expect(parseAddressQuery('jozefa 12/3')).toEqual({ words: ['jozefa'], number: '12', numberWhole: '12/3' });
  });

  it('keeps a leading number as part of the street name', () => {
    expect(parseAddressQuery('29 Listopada')).toEqual({ words: ['29', 'listopada'], number: null, numberWhole: null });
    expect(parseAddressQuery('al. 29 Listopada 10')).toEqual({
      words: ['29', 'listopada'],
      number: '10',
      numberWhole: null,
    });
  });

  it('folds a number the way the register writes it', () => {
    expect(numberKey('12 A')).toBe('12a');
  });

  it('accepts exactly one missing, extra, wrong or swapped letter', () => {
    expect(withinOneEdit('miodwa', 'miodowa')).toBe(true);
    expect(withinOneEdit('miodowaa', 'miodowa')).toBe(true);
    expect(withinOneEdit('miodowe', 'miodowa')).toBe(true);
    expect(withinOneEdit('moidowa', 'miodowa')).toBe(true);
    expect(withinOneEdit('modwa', 'miodowa')).toBe(false);
    expect(withinOneEdit('szeroka', 'miodowa')).toBe(false);
  });
});
