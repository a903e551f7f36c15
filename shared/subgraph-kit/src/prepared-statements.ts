import { Client } from 'pg';
import { Raw, type FindOperator } from 'typeorm';

/**
 * Statements with more parameters or text than this are one-offs (seed batches, long id lists): they
 * go unnamed, so they never take one of the limited names.
 */
const MAX_PARAMETERS = 64;
const MAX_TEXT_LENGTH = 8_000;

/** Distinct statements a process prepares unless configured otherwise: ten times what one issues (personnel: 30 for dossiers, pages, statistics and writes). */
export const DEFAULT_PREPARED_STATEMENTS = 300;

/**
 * Gives each distinct parameterised statement text a name, up to `limit` texts per process. A
 * subgraph issues a few dozen texts over and over (one per repository query and batch size); named,
 * PostgreSQL parses and plans each once per connection instead of on every call, which halves its
 * CPU per dossier. The limit bounds what the prepared statements hold in each connection, since they
 * live as long as it does; texts beyond it run unnamed, as before.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly limit: number) {}

  nameOf(text: string, parameterCount: number): string | undefined {
    if (parameterCount === 0 || parameterCount > MAX_PARAMETERS || text.length > MAX_TEXT_LENGTH) return undefined;
    let name = this.names.get(text);
    if (name === undefined && this.names.size < this.limit) {
      name = `cadres_${this.names.size + 1}`;
      this.names.set(text, name);
    }
    return name;
  }

  get size(): number {
    return this.names.size;
  }
}

/**
 * A pg Client that runs the statements `names` names as named prepared statements; pg parses a
 * name once per connection and afterwards only binds and executes it. Handed to the pool TypeORM
 * creates (its `extra.Client`), so every repository and query builder uses it unchanged.
 */
export function preparingClient(names: StatementNames): typeof Client {
  class PreparingClient extends Client {}
  // pg's many overloads cannot be restated one by one: the arguments pass through untouched.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with .call(this, ...)
  const query = Client.prototype.query as (this: Client, ...args: unknown[]) => unknown;
  PreparingClient.prototype.query = function (this: Client, ...args: unknown[]) {
    const [text, values, callback] = args;
    const name = typeof text === 'string' && Array.isArray(values) ? names.nameOf(text, values.length) : undefined;
    return name ? query.call(this, { name, text, values }, callback) : query.apply(this, args);
  } as Client['query'];
  return PreparingClient;
}

/**
 * `column = ANY($1)` for a find's `where`, in place of TypeORM's `In()`, which writes `IN ($1, …, $n)`:
 * one statement text whatever a DataLoader batch's size, so it is prepared once per connection and
 * its plan reused, where `In()` made a statement per batch size and left those over 64 ids unprepared.
 * One per `where` (its parameter has a fixed name, to keep the text fixed).
 */
export function AnyOf<T>(values: readonly T[]): FindOperator<T> {
  return Raw((column) => `${column} = ANY(:anyOf)`, { anyOf: [...values] });
}
