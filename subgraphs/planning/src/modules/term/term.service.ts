import { InvalidInputError, parseId, type InputProblem } from '@cadres/core';
import type { UnitOfWork } from '@cadres/subgraph-kit';
import type { Term } from './term.entity';
import type { CreateTermInput } from './term.inputs';
import type { TermRepository } from './term.repository';

export class TermService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly terms: TermRepository,
  ) {}

  /** Opens a planning term; its rule set must exist and its age reference dates be dates. */
  create(input: CreateTermInput): Promise<Term> {
    const problems: InputProblem[] = [];
    if (input.endYear <= input.startYear)
      problems.push({ field: 'endYear', reason: 'END_BEFORE_START', message: 'A term ends after it starts.' });
    for (const [level, date] of Object.entries(input.ageReferenceDates ?? {})) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(String(date)))
        problems.push({ field: `ageReferenceDates.${level}`, reason: 'NOT_A_DATE', message: 'An ISO date.' });
    }
    if (problems.length) throw new InvalidInputError(problems);
    return this.unitOfWork(async (transaction) => {
      if (!(await this.terms.ruleSetExists(transaction, input.ruleSetCode))) {
        throw new InvalidInputError([{ field: 'ruleSetCode', reason: 'NOT_FOUND', message: 'No such rule set.' }]);
      }
      return this.terms.insert(transaction, {
        code: input.code.trim(),
        track: input.track,
        startYear: input.startYear,
        endYear: input.endYear,
        pairedTermId: input.pairedTermId ? parseId(input.pairedTermId, 'pairedTermId') : null,
        ruleSetCode: input.ruleSetCode,
        ageReferenceDates: input.ageReferenceDates ?? {},
      });
    });
  }
}
