import { must } from '@cadres/core';
import type { ImportKindName } from '../columns';
import type { BatchOutcome, KindApi } from './cadre-import-api';

/**
 * A kind whose owning subgraph takes a batch as `<mutation>(input: { rows, dryRun })`: career events
 * (personnel), class rosters (training), planning lists (planning). Their rows are recognised in
 * the database by their natural key and skipped, so a rerun after an interruption sends every batch
 * again and the committed ones change nothing: no batch record to resume from is needed.
 */
function batchMutationApi(mutation: string, inputType: string): KindApi {
  const query = `mutation Import($input: ${inputType}!) {
  ${mutation}(input: $input) { dryRun committed alreadyImported created updated unchanged problems { row field code reason message suggestion } }
}`;
  return {
    async sendBatch(client, batch) {
      const rows = batch.rows.map(({ row, values }) => ({ row, ...values }));
      const data = await client.request<Record<string, BatchOutcome>>(query, { input: { rows, dryRun: batch.dryRun } });
      return must(data[mutation], `the ${mutation} field, asked for`);
    },
    committedBatches: () => Promise.resolve([]),
  };
}

export const OTHER_KIND_APIS: Partial<Record<ImportKindName, KindApi>> = {
  'career-events': batchMutationApi('importCareerEvents', 'ImportCareerEventsInput'),
  'class-rosters': batchMutationApi('importClassRosters', 'ImportClassRostersInput'),
  'planning-lists': batchMutationApi('importPlanningLists', 'ImportPlanningListsInput'),
};
