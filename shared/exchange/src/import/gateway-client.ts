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
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: this.authorization },
        body: JSON.stringify({ query, variables }),
      });
    } catch {
      throw new GatewayError('GATEWAY_UNREACHABLE', `The gateway at ${this.url} does not answer.`);
    }
    const body = (await response.json().catch(() => null)) as {
      data?: T;
      errors?: { message: string; extensions?: { code?: string } }[];
    } | null;
    const [error] = body?.errors ?? [];
    if (error) throw new GatewayError(error.extensions?.code ?? 'GRAPHQL_ERROR', error.message);
    if (!response.ok || !body?.data)
      throw new GatewayError(`HTTP_${response.status}`, `The gateway answered ${response.status}.`);
    return body.data;
  }
}
