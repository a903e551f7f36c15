import { canonicalJson, CANONICAL_KEY_MAX_BYTES, queryCallKey } from './subgraph-call-key';

const identity = 'signed-identity-a';

describe('the keys of shared subgraph calls', () => {
  it('canonical JSON sorts every object’s keys, keeps arrays in order, drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });

  it('keys a small query on its content, whatever the order of its fields; never a mutation or a non-JSON body', () => {
    const a = queryCallKey('u', identity, JSON.stringify({ query: 'query Q { a }', variables: { x: 1, y: 2 } }));
    const b = queryCallKey('u', identity, JSON.stringify({ variables: { y: 2, x: 1 }, query: 'query Q { a }' }));
    expect(a).not.toBeNull();
    expect(a).toBe(b);
    expect(queryCallKey('u', identity, JSON.stringify({ query: 'mutation M { m }' }))).toBeNull();
    expect(queryCallKey('u', identity, '{not json')).toBeNull();
    expect(queryCallKey('u', undefined, JSON.stringify({ query: '{ a }' }))).toBeNull();
  });

  it('keys a large body (an entities call) on its text: equal text shares, other text does not', () => {
    const representations = Array.from({ length: 200 }, (_, i) => ({ __typename: 'Cadre', id: `cadre-${i}` }));
    const body = JSON.stringify({
      query: 'query E($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }',
      variables: { representations },
    });
    expect(body.length).toBeGreaterThan(CANONICAL_KEY_MAX_BYTES);
    expect(queryCallKey('u', identity, body)).toBe(queryCallKey('u', identity, `${body}`));
    expect(queryCallKey('u', identity, body)).not.toBe(
      queryCallKey('u', identity, body.replace('cadre-7"', 'cadre-8"')),
    );
    expect(
      queryCallKey('u', identity, JSON.stringify({ query: `mutation M { m(x: "${'x'.repeat(5000)}") }` })),
    ).toBeNull();
  });
});
