import { createLogger, generatedKeys, type GeneratedDataset, type GeneratorProgress } from '@cadres/core';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { z } from 'zod';
import { bulkInsert } from './bulk-load';
import { createDataSource, SETUP_DEADLINES } from './database';
import type { SubgraphDefinition } from './subgraph';

/** What a subgraph's generator is given: the dataset to produce and a bulk insert that reports progress. */
export interface GeneratorContext {
  dataset: GeneratedDataset;
  manager: EntityManager;
  // Function-typed properties, not methods: generators destructure them from the context.
  insert: <T extends ObjectLiteral>(entity: EntityTarget<T>, rows: Partial<T>[]) => Promise<void>;
  /** Called after each chunk of cadres, so the launcher can draw one progress bar for all subgraphs. */
  cadresDone: (count: number) => void;
}

export type DataGenerator = (context: GeneratorContext) => Promise<void>;

const generatorEnv = z.object({
  DATABASE_URL: z.string().url(),
  GENERATE_CADRES: z.coerce.number().int().positive(),
  GENERATE_SEED: z.coerce.number().int().nonnegative(),
});

/**
 * The entry point of a subgraph's `generate-cli`: loads the generated dataset into this subgraph's
 * tables, which hold the demo province already (the launcher starts the platform once first).
 */
export async function runGenerator<R, L>(definition: SubgraphDefinition<R, L>, generate: DataGenerator): Promise<void> {
  const env = generatorEnv.parse(process.env);
  const logger = createLogger(`${definition.name}-generator`, process.env.LOG_LEVEL ?? 'warn');
  const dataSource = createDataSource({
    url: env.DATABASE_URL,
    schema: definition.dbSchema,
    entities: definition.entities,
    migrations: [],
    poolSize: 2,
    logger,
    deadlines: SETUP_DEADLINES,
    role: 'generator',
  });
  await dataSource.initialize();
  const started = Date.now();
  let rows = 0;
  const report = (progress: GeneratorProgress) => process.stdout.write(`${JSON.stringify(progress)}\n`);
  try {
    // A dataset no larger than the demo province adds nothing.
    if (env.GENERATE_CADRES >= generatedKeys.firstCadre) {
      await generate({
        dataset: { cadres: env.GENERATE_CADRES, seed: env.GENERATE_SEED },
        manager: dataSource.manager,
        insert: async (entity, batch) => {
          rows += await bulkInsert(dataSource.manager, entity, batch);
        },
        cadresDone: (cadres) => report({ rows, cadres }),
      });
    }
    report({ rows, done: true, ms: Date.now() - started });
  } finally {
    await dataSource.destroy();
  }
}
