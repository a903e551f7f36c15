export interface GraphQLResult<Data = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: Data | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
  /** The raw response text, to assert that no stack trace or SQL ever reaches a client. */
  text: string;
  /** SQL statements the subgraph ran for this request (from the x-sql-statements header). */
  sqlStatements: number;
}

/**
 * POSTs one GraphQL operation the way a client does. `headers` may be made from the exact body
 * sent (a subgraph needs a signature of it).
 */
export async function postGraphQL<Data = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> | ((body: string) => Record<string, string>) = {},
): Promise<GraphQLResult<Data>> {
  const body = JSON.stringify({ query, variables });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(typeof headers === 'function' ? headers(body) : headers) },
    body,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: JSON.parse(text) as GraphQLResult<Data>['body'],
    text,
    sqlStatements: Number(response.headers.get('x-sql-statements') ?? NaN),
  };
}

/** Words that betray a leaked stack trace or SQL statement in a response body. */
export const LEAK_PATTERN =
  /\bat .+\(.+:\d+:\d+\)|\bSELECT\b|\bINSERT\b|\bFROM\s+"?\w+"?\.|QueryFailedError|stacktrace|node_modules/;
