import { InvalidInputError, NotFoundError, parseId, today, type InputProblem } from '@cadres/core';
import type { UnitOfWork } from '@cadres/subgraph-kit';
import type { CadreRepository } from '../cadre/cadre.repository';
import type { Actor, ChangeLogRepository } from '../change-log/change-log.repository';
import type { DecisionService } from '../decision/decision.service';
import type { Evaluation } from './evaluation.entity';
import type { RecordEvaluationInput } from './evaluation.inputs';
import type { EvaluationRepository } from './evaluation.repository';

export class EvaluationService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly evaluations: EvaluationRepository,
    private readonly cadres: CadreRepository,
    private readonly decisions: DecisionService,
    private readonly changes: ChangeLogRepository,
  ) {}

  async record(input: RecordEvaluationInput, by: Actor): Promise<Evaluation> {
    const cadreId = parseId(input.cadreId, 'cadreId');
    const early = evaluationYearProblems(input.year, null, today());
    if (early.length) throw new InvalidInputError(early);
    return this.unitOfWork(async (manager) => {
      const decision = await this.decisions.requireCitable(manager, input.decisionId);
      const cadre = await this.cadres.lockById(manager, cadreId);
      if (!cadre) throw new NotFoundError('Cadre', cadreId);
      const problems = evaluationYearProblems(input.year, cadre.dateOfBirth, today());
      if (problems.length) throw new InvalidInputError(problems);
      const evaluation = await this.evaluations.insert(manager, {
        cadreId,
        year: input.year,
        rating: input.rating,
        decisionId: decision.id,
      });
      await this.changes.append(manager, by, [
        {
          action: 'EVALUATION_RECORDED',
          entity: 'Evaluation',
          entityId: evaluation.id,
          cadreId,
          decisionId: decision.id,
          after: evaluation,
        },
      ]);
      return evaluation;
    });
  }
}

/** What recordEvaluation refuses about the year: one not yet begun, or one before the cadre's birth (when known). */
export function evaluationYearProblems(year: number, dateOfBirth: string | null, today: string): InputProblem[] {
  if (year > Number(today.slice(0, 4)))
    return [{ field: 'year', reason: 'YEAR_IN_FUTURE', message: 'A year is evaluated once it has begun.' }];
  if (dateOfBirth && year <= Number(dateOfBirth.slice(0, 4)))
    return [{ field: 'year', reason: 'BEFORE_BIRTH', message: 'The year precedes the cadre’s birth.' }];
  return [];
}
