import { createHash } from 'node:crypto';
import { BadInputError } from './errors';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** Returns the id lower-cased, or throws BAD_USER_INPUT naming the argument. */
export function parseId(value: string, field = 'id'): string {
  if (!isUuid(value)) throw new BadInputError(`"${value}" is not a valid id (a UUID is expected)`, field);
  return value.toLowerCase();
}

/**
 * A name-based UUID (RFC 9562 version 5). Demo and test data use it so that every subgraph can
 * derive the same cadre id from the same natural key without reading another subgraph's tables.
 */
export function deterministicUuid(name: string, namespace = 'cadres-platform'): string {
  const hash = createHash('sha1').update(`${namespace}:${name}`).digest();
  hash.writeUInt8((hash.readUInt8(6) & 0x0f) | 0x50, 6);
  hash.writeUInt8((hash.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
