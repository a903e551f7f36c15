import { InvalidInputError, NotFoundError, parseId } from '@cadres/core';
import type { UnitOfWork } from '@cadres/subgraph-kit';
import type { CadreRepository } from '../cadre/cadre.repository';
import { normaliseText } from '../cadre/cadre.validation';
import type { Actor, ChangeLogRepository } from '../change-log/change-log.repository';
import type { DecisionService } from '../decision/decision.service';
import type { Discipline } from './discipline.entity';
import type { RecordDisciplineInput } from './discipline.inputs';
import type { DisciplineRepository } from './discipline.repository';

export class DisciplineService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly disciplines: DisciplineRepository,
    private readonly cadres: CadreRepository,
    private readonly decisions: DecisionService,
    private readonly changes: ChangeLogRepository,
  ) {}

  async record(input: RecordDisciplineInput, by: Actor): Promise<Discipline> {
    const cadreId = parseId(input.cadreId, 'cadreId');
    const reason = normaliseText(input.reason);
    if (!reason)
      throw new InvalidInputError([{ field: 'reason', reason: 'REQUIRED', message: 'A reason is required.' }]);
    return this.unitOfWork(async (manager) => {
      const decision = await this.decisions.requireCitable(manager, input.decisionId);
      if (!(await this.cadres.lockById(manager, cadreId))) throw new NotFoundError('Cadre', cadreId);
      const discipline = await this.disciplines.insert(manager, {
        cadreId,
        form: input.form,
        reason,
        effectiveOn: decision.effectiveOn,
        decisionId: decision.id,
      });
      await this.changes.append(manager, by, [
        {
          action: 'DISCIPLINE_RECORDED',
          entity: 'Discipline',
          entityId: discipline.id,
          cadreId,
          decisionId: decision.id,
          after: discipline,
        },
      ]);
      return discipline;
    });
  }
}
