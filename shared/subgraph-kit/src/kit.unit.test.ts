import { manyByKey, oneByKey } from './loaders';
import { checkPageSize, decodeCursor, encodeCursor } from './pagination';

describe('loader helpers', () => {
  const rows = [
    { id: 'b', parent: 'x' },
    { id: 'a', parent: 'y' },
    { id: 'c', parent: 'x' },
  ];

  it('returns one row per key, in key order, null when missing', () => {
    expect(oneByKey(['a', 'z', 'b'], rows, (r) => r.id)).toEqual([rows[1], null, rows[0]]);
  });

  it('groups rows per key, in key order, empty when missing', () => {
    expect(manyByKey(['x', 'w', 'y'], rows, (r) => r.parent)).toEqual([[rows[0], rows[2]], [], [rows[1]]]);
  });
});

describe('cursors', () => {
  it('round-trips keyset values', () => {
    expect(decodeCursor(encodeCursor(['Lò Văn Minh', 'e9165b66']), 2)).toEqual(['Lò Văn Minh', 'e9165b66']);
  });

  it.each(['', 'garbage', encodeCursor(['only-one']), Buffer.from('{"a":1}').toString('base64url')])(
    'refuses %p',
    (cursor) => {
      expect(() => decodeCursor(cursor, 2)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    },
  );

  it('bounds the page size', () => {
    expect(checkPageSize(0)).toBe(0);
    expect(() => checkPageSize(201)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});
