import { ApolloServer, HeaderMap } from '@apollo/server';
import { createHash } from 'node:crypto';
import { persistedQueries } from './persisted-queries';

const QUERY = '{ hello }';
const hash = createHash('sha256').update(QUERY).digest('hex');

async function serverWith(maxMb: number, registered: Record<string, string> = {}) {
  const server = new ApolloServer({
    typeDefs: 'type Query { hello: String }',
    resolvers: { Query: { hello: () => 'xin chào' } },
    persistedQueries: persistedQueries(maxMb, registered),
  });
  await server.start();
  const post = async (body: object) => {
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: 'POST',
        headers: new HeaderMap([['content-type', 'application/json']]),
        search: '',
        body,
      },
      context: async () => ({}),
    });
    return JSON.parse(response.body.kind === 'complete' ? response.body.string : '') as {
      data?: unknown;
      errors?: { extensions: { code: string } }[];
    };
  };
  return { server, post };
}

describe('automatic persisted queries', () => {
  const persisted = { persistedQuery: { version: 1, sha256Hash: hash } };

  it('answers a registered hash (the dashboard’s operations) on its first request, however full the cache', async () => {
    const { server, post } = await serverWith(1, { [hash]: QUERY });
    expect(await post({ extensions: persisted })).toEqual({ data: { hello: 'xin chào' } });
    // Another hash is still unknown until sent with its query.
    const other = {
      persistedQuery: { version: 1, sha256Hash: createHash('sha256').update('{ __typename }').digest('hex') },
    };
    expect((await post({ extensions: other })).errors?.[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    await server.stop();
  });

  it('asks for an unknown hash once, then answers the hash alone', async () => {
    const { server, post } = await serverWith(1);
    expect((await post({ extensions: persisted })).errors?.[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(await post({ query: QUERY, extensions: persisted })).toEqual({ data: { hello: 'xin chào' } });
    expect(await post({ extensions: persisted })).toEqual({ data: { hello: 'xin chào' } });
    await server.stop();
  });

  it('are off with a cache of 0 MiB', async () => {
    const { server, post } = await serverWith(0);
    expect((await post({ extensions: persisted })).errors?.[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    await server.stop();
  });
});
