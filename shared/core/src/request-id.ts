import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';
/** On a subgraph call that serves several operations at once: the others' request ids, comma-separated. */
export const BATCHED_REQUEST_IDS_HEADER = 'x-batched-request-ids';

const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's request id when it is sane (so a trace spans services), else makes one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && ACCEPTABLE_REQUEST_ID.test(value) ? value : randomUUID();
}

/** The sane request ids of a `x-batched-request-ids` header (at most 100), for the request log. */
export function batchedRequestIdsFrom(header: string | string[] | undefined): string[] | undefined {
  const value = Array.isArray(header) ? header.join(',') : header;
  const ids = value
    ?.split(',')
    .map((id) => id.trim())
    .filter((id) => ACCEPTABLE_REQUEST_ID.test(id))
    .slice(0, 100);
  return ids?.length ? ids : undefined;
}

/**
 * On a subgraph call: read from the primary database, never from a read replica. The gateway sends
 * it on every call that serves a mutation (the payload reads what the mutation just wrote, and a
 * replica may not have it yet), and a subgraph on its rule checks to another (a write is decided on
 * the latest facts). Only routing: it grants nothing, so it needs no signature.
 */
export const READ_PRIMARY_HEADER = 'x-read-primary';
