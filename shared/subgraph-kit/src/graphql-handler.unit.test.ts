import { searchOf } from './subgraph-server';

describe('the query string handed to Apollo Server', () => {
  it('is cut from the request target as url.parse gives it', () => {
    expect([searchOf('/'), searchOf('/?query=%7B%7D'), searchOf('/?a=1#frag'), searchOf('/?')]).toEqual([
      '',
      '?query=%7B%7D',
      '?a=1',
      '?',
    ]);
  });
});
