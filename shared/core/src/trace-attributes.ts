import { trace } from '@opentelemetry/api';

/**
 * What every service writes on the span of the request it serves (the HTTP server span, active
 * while its handlers run): the request id its logs carry, and the GraphQL operation. Without
 * tracing there is no active span and these do nothing.
 */
export const REQUEST_ID_ATTRIBUTE = 'cadres.request_id';

export function annotateRequestSpan(requestId: string): void {
  trace.getActiveSpan()?.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
}

/** The operation's name (`anonymous` when it has none) and type, as the semantic conventions name them. */
export function annotateOperationSpan(operationName: string, operationType: string | undefined): void {
  const span = trace.getActiveSpan();
  if (!span) return;
  span.setAttribute('graphql.operation.name', operationName);
  if (operationType) span.setAttribute('graphql.operation.type', operationType);
}
