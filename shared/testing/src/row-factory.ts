import { DataSource, type DataSourceOptions } from 'typeorm';
import { testDatabaseUrl } from './subgraph-harness';

/**
 * For a test file that needs rows another subgraph owns (the facts that subgraph's API answers to
 * the one under test): a data source of the owner's own entities on the file's database, open from
 * the file's beforeAll to its afterAll, and the owner's factory built on it. The owner's factory
 * (subgraphs/<owner>/test/factories.ts) is the only code that knows how its rows are made, so no
 * test writes another subgraph's tables in SQL of its own. Returns a getter, valid in the file's
 * tests and hooks.
 */
export function useRowFactory<F>(
  schema: string,
  entities: DataSourceOptions['entities'],
  build: (dataSource: DataSource) => F,
): () => F {
  let dataSource: DataSource | null = null;
  let factory: F | null = null;
  beforeAll(async () => {
    dataSource = await new DataSource({
      type: 'postgres',
      url: testDatabaseUrl(),
      schema,
      entities,
      // Raw SQL in the owner's factory names its tables unqualified, as its repositories do.
      extra: { max: 2, options: `-c search_path=${schema},public` },
    }).initialize();
    factory = build(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    dataSource = null;
    factory = null;
  });
  return () => {
    if (!factory)
      throw new Error(`the ${schema} row factory is used outside the file’s tests and hooks (it opens in beforeAll)`);
    return factory;
  };
}
