import 'reflect-metadata';
import { BadInputError } from '@cadres/core';
import { ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';

@ObjectType()
@Directive('@shareable')
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

/** Opaque Relay cursors: base64url of the keyset values of the last row of a page. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => ['string', 'number'].includes(typeof v))
    ) {
      return values as (string | number)[];
    }
  } catch {
    // fall through to the typed error
  }
  throw new BadInputError('"after" is not a cursor returned by this API', 'after');
}

export const MAX_PAGE_SIZE = 200;

export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadInputError(`"first" must be between 0 and ${MAX_PAGE_SIZE}`, 'first');
  }
  return first;
}

/** A Relay connection type for `Node`, e.g. `CadreConnection`. */
export function Connection<Node extends object>(node: ClassType<Node>) {
  @ObjectType(`${node.name}Edge`)
  class Edge {
    @Field(() => node) node: Node;
    @Field() cursor: string;
  }

  @ObjectType()
  abstract class ConnectionType {
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int) totalCount: number;
  }
  return ConnectionType;
}
