/** Why the gateway refused a whole request (not a row): sign-in, role, an unreachable service. */
export class GatewayError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

const CONNECTION_ATTEMPTS = 2;

/**
 * Posts GraphQL to the gateway with the caller's own token, so that the subgraphs' access policies
 * decide what the import may write, exactly as for the caller's single mutations.
 */
export class GatewayClient {
  constructor(
    private readonly url: string,
    private readonly authorization: string,
  ) {}

  async request<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const body = JSON.stringify({ query, variables });
    let response: Response | undefined;
    // A connection that fails is tried once more on a new one: a keep-alive socket the gateway closed
    // while the importer was busy reading the file (pass 1 sends nothing for minutes) fails the next
    // request before the gateway sees it. Sending again is safe: every import request is idempotent
    // (a committed batch answers alreadyImported, an unchanged row writes nothing, a dry run nothing).
    for (let attempt = 1; !response; attempt++) {
      try {
        response = await fetch(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: this.authorization },
          body,
        });
      } catch {
        if (attempt === CONNECTION_ATTEMPTS)
          throw new GatewayError('GATEWAY_UNREACHABLE', `The gateway at ${this.url} does not answer.`);
      }
    }
    const answer = (await response.json().catch(() => null)) as {
      data?: T;
      errors?: { message: string; extensions?: { code?: string } }[];
    } | null;
    const [error] = answer?.errors ?? [];
    if (error) throw new GatewayError(error.extensions?.code ?? 'GRAPHQL_ERROR', error.message);
    if (!response.ok || !answer?.data)
      throw new GatewayError(`HTTP_${response.status}`, `The gateway answered ${response.status}.`);
    return answer.data;
  }
}
