import { must } from './must';

describe('must', () => {
  it('returns a present value, falsy ones included', () => {
    expect(must([0][0], 'the first of one')).toBe(0);
    expect(must(new Map([['a', '']]).get('a'), 'a key just set')).toBe('');
  });

  it('throws with the reason when the guaranteed value is missing', () => {
    expect(() => must([][0], 'the first of a list checked non-empty')).toThrow('Expected a value: the first of a list checked non-empty');
  });
});
