import { editDistance } from './edit-distance';
import { must } from './must';

describe('must', () => {
  it('returns a present value, falsy ones included', () => {
    expect(must([0][0], 'the first of one')).toBe(0);
    expect(must(new Map([['a', '']]).get('a'), 'a key just set')).toBe('');
  });

  it('throws with the reason when the guaranteed value is missing', () => {
    expect(() => must([][0], 'the first of a list checked non-empty')).toThrow(
      'Expected a value: the first of a list checked non-empty',
    );
  });
});

describe('editDistance', () => {
  it('counts the insertions, deletions and substitutions between two strings', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('HU-01', 'HU-10')).toBe(2);
  });
});
