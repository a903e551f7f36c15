import { InvalidInputError, parseId, RuleViolationError } from '@cadres/core';
import type { UnitOfWork } from '@cadres/subgraph-kit';
import { notFound } from '../../policy';
import type { PersonnelClient } from '../../clients/personnel-client';
import type { TermRepository } from '../term/term.repository';
import type { PlannedTitle } from './planned-title.entity';
import type { PlannedTitleRepository } from './planned-title.repository';
import type { PlanTitleInput } from './planned-title.inputs';

export class PlannedTitleService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly terms: TermRepository,
    private readonly plannedTitles: PlannedTitleRepository,
    private readonly personnel: PersonnelClient,
  ) {}

  /** Plans a personnel title for a term; its level and rank are taken from personnel now. */
  async plan(input: PlanTitleInput, requestId: string | null): Promise<PlannedTitle> {
    const termId = parseId(input.termId, 'termId');
    const titleId = parseId(input.titleId, 'titleId');
    const orgUnitId = input.orgUnitId ? parseId(input.orgUnitId, 'orgUnitId') : null;
    const title = await this.personnel.title(titleId, requestId);
    if (!title) throw notFound('Title', 'titleId');
    return this.unitOfWork(async (transaction) => {
      const governed = await this.terms.termWithRules(transaction, termId);
      if (!governed) throw notFound('Term', 'termId');
      const limit = governed.ruleSet.limits.maxCandidatesPerTitle;
      const maxCandidates = input.maxCandidates ?? limit;
      if (maxCandidates < 1)
        throw new InvalidInputError([
          { field: 'maxCandidates', reason: 'OUT_OF_RANGE', message: 'At least one candidate.' },
        ]);
      if (maxCandidates > limit) {
        throw new RuleViolationError(
          'ABOVE_RULE_SET_LIMIT',
          `${governed.ruleSet.code} allows at most ${limit} candidates per title.`,
          'maxCandidates',
        );
      }
      return this.plannedTitles.insert(transaction, {
        termId,
        titleId,
        orgUnitId,
        titleLevel: title.level,
        titleRank: title.rank,
        maxCandidates,
      });
    });
  }
}
