import { InvalidInputError, NotFoundError, parseId, today } from '@cadres/core';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../../database-errors';
import type { CadreRepository } from '../cadre/cadre.repository';
import type { Actor, ChangeLogRepository } from '../change-log/change-log.repository';
import type { DecisionService } from '../decision/decision.service';
import type { Evaluation } from './evaluation.entity';
import type { RecordEvaluationInput } from './evaluation.inputs';
import type { EvaluationRepository } from './evaluation.repository';

export class EvaluationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly evaluations: EvaluationRepository,
    private readonly cadres: CadreRepository,
    private readonly decisions: DecisionService,
    private readonly changes: ChangeLogRepository,
  ) {}

  async record(input: RecordEvaluationInput, by: Actor): Promise<Evaluation> {
    const cadreId = parseId(input.cadreId, 'cadreId');
    if (input.year > Number(today().slice(0, 4))) {
      throw new InvalidInputError([{ field: 'year', reason: 'YEAR_IN_FUTURE', message: 'A year is evaluated once it has begun.' }]);
    }
    return inTransaction(this.dataSource, async (manager) => {
      const decision = await this.decisions.requireCitable(manager, input.decisionId);
      const cadre = await this.cadres.lockById(manager, cadreId);
      if (!cadre) throw new NotFoundError('Cadre', cadreId);
      if (input.year <= Number(cadre.dateOfBirth.slice(0, 4))) {
        throw new InvalidInputError([{ field: 'year', reason: 'BEFORE_BIRTH', message: 'The year precedes the cadre’s birth.' }]);
      }
      const evaluation = await this.evaluations.insert(manager, { cadreId, year: input.year, rating: input.rating, decisionId: decision.id });
      await this.changes.append(manager, by, [
        { action: 'EVALUATION_RECORDED', entity: 'Evaluation', entityId: evaluation.id, cadreId, decisionId: decision.id, after: evaluation },
      ]);
      return evaluation;
    });
  }
}
