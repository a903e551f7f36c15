import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Role, type Identity } from '@cadres/core';
import { dedupeRepresentations, expandEntitiesResponse } from './entity-dedup';
import type { GatewayContext } from './gateway-context';
import { IdentityForwardingDataSource } from './subgraph-data-source';

const title = (id: string) => ({ __typename: 'Title', id });

describe('_entities de-duplication', () => {
  it('keeps each distinct representation once, in order of first occurrence', () => {
    const deduped = dedupeRepresentations([title('a'), title('b'), title('a'), title('c'), title('b'), title('a')]);
    expect(deduped).toEqual({ unique: [title('a'), title('b'), title('c')], positions: [[0, 2, 5], [1, 4], [3]] });
  });

  it('leaves a list without duplicates alone', () => {
    expect(dedupeRepresentations([title('a'), title('b')])).toBeNull();
    expect(dedupeRepresentations([])).toBeNull();
  });

  it('tells representations apart by every field, @requires fields included', () => {
    const planned = (level: string | null) => ({ __typename: 'Cadre', id: 'x', politicalTheoryLevel: level });
    expect(dedupeRepresentations([planned('ADVANCED'), planned(null), planned('ADVANCED')])?.unique).toEqual([
      planned('ADVANCED'),
      planned(null),
    ]);
  });

  it('puts each answer back at every position its representation had, as separate copies', () => {
    const deduped = dedupeRepresentations([title('a'), title('b'), title('a')])!;
    const response = expandEntitiesResponse(
      {
        data: {
          _entities: [
            { name: 'A', holders: [{ id: 1 }] },
            { name: 'B', holders: [] },
          ],
        },
      },
      deduped,
    );
    expect(response.data._entities).toEqual([
      { name: 'A', holders: [{ id: 1 }] },
      { name: 'B', holders: [] },
      { name: 'A', holders: [{ id: 1 }] },
    ]);
    const [first, , third] = response.data._entities as { holders: object[] }[];
    // The gateway merges later fetches into each entity in place: copies must not share objects.
    expect(third).not.toBe(first);
    expect(third?.holders[0]).not.toBe(first?.holders[0]);
  });

  it('puts null entities back too', () => {
    const deduped = dedupeRepresentations([title('gone'), title('b'), title('gone')])!;
    const response = expandEntitiesResponse({ data: { _entities: [null, { name: 'B' }] } }, deduped);
    expect(response.data._entities).toEqual([null, { name: 'B' }, null]);
  });

  it('reports an entity error at every position of that entity, and other errors once', () => {
    const deduped = dedupeRepresentations([title('a'), title('secret'), title('a'), title('secret')])!;
    const response = expandEntitiesResponse(
      {
        data: { _entities: [{ name: 'A' }, null] },
        errors: [
          { message: 'Outside your organisation subtree.', path: ['_entities', 1] },
          { message: 'Forbidden field', path: ['_entities', 0, 'holders', 2, 'religion'] },
          { message: 'No path' },
          { message: 'Unknown index', path: ['_entities', 7] },
        ],
      },
      deduped,
    );
    expect(response.errors).toEqual([
      { message: 'Outside your organisation subtree.', path: ['_entities', 1] },
      { message: 'Outside your organisation subtree.', path: ['_entities', 3] },
      { message: 'Forbidden field', path: ['_entities', 0, 'holders', 2, 'religion'] },
      { message: 'Forbidden field', path: ['_entities', 2, 'holders', 2, 'religion'] },
      { message: 'No path' },
      { message: 'Unknown index', path: ['_entities', 7] },
    ]);
    expect(response.data._entities).toEqual([{ name: 'A' }, null, { name: 'A' }, null]);
  });

  it('remaps errors even when the subgraph answers no data', () => {
    const deduped = dedupeRepresentations([title('a'), title('a')])!;
    const response = expandEntitiesResponse(
      { data: null, errors: [{ message: 'boom', path: ['_entities', 0] }] },
      deduped,
    );
    expect(response).toEqual({
      data: null,
      errors: [
        { message: 'boom', path: ['_entities', 0] },
        { message: 'boom', path: ['_entities', 1] },
      ],
    });
  });

  it('hands an answer of the wrong length back unchanged, for the gateway to refuse', () => {
    const deduped = dedupeRepresentations([title('a'), title('a'), title('b')])!;
    const response = expandEntitiesResponse({ data: { _entities: [{ name: 'A' }] } }, deduped);
    expect(response.data._entities).toEqual([{ name: 'A' }]);
  });
});

describe('IdentityForwardingDataSource', () => {
  const identity: Identity = { subject: 'u', role: Role.ADMIN, agency: null, scopes: [], units: null };

  it('sends each distinct representation once and answers the gateway position by position', async () => {
    const sent: { variables: { representations: unknown[] } }[] = [];
    const fetcher = (async (_url: string, init: { body: string }) => {
      sent.push(JSON.parse(init.body));
      const body = {
        data: { _entities: [{ name: 'A' }, null] },
        errors: [{ message: 'not yours', path: ['_entities', 1, 'name'] }],
      };
      return new Response(JSON.stringify(body), {
        headers: { 'content-type': 'application/json', 'x-sql-statements': '2' },
      });
    }) as never;
    const source = new IdentityForwardingDataSource('http://personnel.test/graphql', async () => 'signed', fetcher);
    const context = { requestId: 'r', identity, sqlStatements: 0 };
    const response = await source.process({
      // The enum's value: @apollo/gateway does not export GraphQLDataSourceRequestKind at run time.
      kind: 'incoming operation',
      request: {
        query: 'query($representations:[_Any!]!){_entities(representations:$representations){...on Title{name}}}',
        variables: { representations: [title('a'), title('b'), title('a'), title('b')] },
      },
      incomingRequestContext: {},
      context,
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
    expect(sent[0]?.variables.representations).toEqual([title('a'), title('b')]);
    expect(response.data).toEqual({ _entities: [{ name: 'A' }, null, { name: 'A' }, null] });
    expect(response.errors?.map((e) => e.path)).toEqual([
      ['_entities', 1, 'name'],
      ['_entities', 3, 'name'],
    ]);
    expect(context.sqlStatements).toBe(2);
  });
});
