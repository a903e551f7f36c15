import { InvalidInputError, parseId, RuleViolationError } from '@cadres/core';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../../database-errors';
import { notFound } from '../../policy';
import type { PersonnelClient } from '../planning-entry/personnel-client';
import type { PlanningEntryRepository } from '../planning-entry/planning-entry.repository';
import { PlannedTitle } from './planned-title.entity';
import type { PlanTitleInput } from './planned-title.inputs';

export class PlannedTitleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly entries: PlanningEntryRepository,
    private readonly personnel: PersonnelClient,
  ) {}

  /** Plans a personnel title for a term; its level and rank are taken from personnel now. */
  async plan(input: PlanTitleInput, requestId: string | null): Promise<PlannedTitle> {
    const termId = parseId(input.termId, 'termId');
    const titleId = parseId(input.titleId, 'titleId');
    const orgUnitId = input.orgUnitId ? parseId(input.orgUnitId, 'orgUnitId') : null;
    const title = await this.personnel.title(titleId, requestId);
    if (!title) throw notFound('Title', 'titleId');
    return inTransaction(this.dataSource, async (manager) => {
      const governed = await this.entries.termWithRules(manager, termId);
      if (!governed) throw notFound('Term', 'termId');
      const limit = governed.ruleSet.limits.maxCandidatesPerTitle;
      const maxCandidates = input.maxCandidates ?? limit;
      if (maxCandidates < 1) throw new InvalidInputError([{ field: 'maxCandidates', reason: 'OUT_OF_RANGE', message: 'At least one candidate.' }]);
      if (maxCandidates > limit) {
        throw new RuleViolationError('ABOVE_RULE_SET_LIMIT', `${governed.ruleSet.code} allows at most ${limit} candidates per title.`, 'maxCandidates');
      }
      const saved = await manager.getRepository(PlannedTitle).save({ termId, titleId, orgUnitId, titleLevel: title.level, titleRank: title.rank, maxCandidates });
      return manager.getRepository(PlannedTitle).findOneByOrFail({ id: saved.id });
    });
  }
}
