import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import type { DocumentNode } from 'graphql';
import possibleTypes from '../../../gateway/possible-types.json';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The codegen-embedded SHA-256 of the document: the gateway registers the same manifest at start,
 * so the first request of a page is already a hash, answered in one round trip.
 */
function embeddedHash(document: DocumentNode): string {
  const meta = (document as DocumentNode & { __meta__?: { hash?: string } }).__meta__;
  if (!meta?.hash) throw new Error('operation without an embedded hash: run the codegen');
  return meta.hash.replace(/^sha256:/, '');
}

/**
 * Each operation carries a request id made here, which the gateway adopts and logs: an error shown
 * to the user quotes the same id an operator finds in every service's log.
 */
const lastRequestIds = new Map<string, string>();

/** The request id of an operation's latest request, to quote beside its error. */
export function lastRequestId(operationName: string): string | undefined {
  return lastRequestIds.get(operationName);
}

const requestIds = new ApolloLink((operation, forward) => {
  const requestId = crypto.randomUUID();
  lastRequestIds.set(operation.operationName ?? '', requestId);
  operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
    headers: { ...headers, [REQUEST_ID_HEADER]: requestId },
    requestId,
  }));
  return forward(operation);
});

export function createClient(token: () => string): ApolloClient {
  const auth = new ApolloLink((operation, forward) => {
    operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
      headers: { ...headers, authorization: `Bearer ${token()}` },
    }));
    return forward(operation);
  });
  return new ApolloClient({
    link: ApolloLink.from([
      requestIds,
      auth,
      new PersistedQueryLink({ generateHash: embeddedHash }),
      new HttpLink({ uri: '/graphql' }),
    ]),
    cache: new InMemoryCache({ possibleTypes }),
    // Partial answers are answers: a subgraph down leaves its fields null with an error, and the
    // page shows the rest with a notice.
    defaultOptions: { watchQuery: { errorPolicy: 'all' }, query: { errorPolicy: 'all' } },
  });
}

// Apollo Client 4 types results by the default error policy: declare the one set above (its
// documented way is this namespace merge, which module syntax cannot express).
declare module '@apollo/client' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace ApolloClient {
    // eslint-disable-next-line @typescript-eslint/no-namespace
    namespace DeclareDefaultOptions {
      interface WatchQuery {
        errorPolicy: 'all';
      }
      interface Query {
        errorPolicy: 'all';
      }
    }
  }
}
