import { InvalidInputError, must, NotFoundError, parseId, RuleViolationError } from '@cadres/core';
import type { RuleBook, Transaction, UnitOfWork } from '@cadres/subgraph-kit';
import type { PlanningAnswers, PlanningClient } from '../../clients/planning-client';
import type { CadreRepository } from '../cadre/cadre.repository';
import { normaliseText } from '../cadre/cadre.validation';
import type { Actor, ChangeLogRepository } from '../change-log/change-log.repository';
import type { DecisionService } from '../decision/decision.service';
import type { OrgUnitRepository } from '../org-unit/org-unit.repository';
import { assertUnitExistedOn } from '../org-unit/org-unit.rules';
import { assertBeforeRetirement, assertServiceLeft } from '../rules/eligibility';
import type { PersonnelRuleDefinitions } from '../rules/personnel-rules';
import { MobilityKind, type Mobility } from './mobility.entity';
import type { RecordMobilityInput } from './mobility.inputs';
import type { MobilityRepository } from './mobility.repository';
import { assertMobilityDuration } from './mobility.rules';

export class MobilityService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly mobility: MobilityRepository,
    private readonly cadres: CadreRepository,
    private readonly orgUnits: OrgUnitRepository,
    private readonly decisions: DecisionService,
    private readonly ruleBook: RuleBook<PersonnelRuleDefinitions>,
    private readonly planning: PlanningClient,
    private readonly changes: ChangeLogRepository,
  ) {}

  private async checkPlanningPool(
    cadreId: string,
    decisionId: string,
    by: Actor,
    within?: Transaction,
    answered?: PlanningAnswers,
  ): Promise<void> {
    const on = await this.decisions.effectiveDateOf(decisionId, within);
    if (!(await this.ruleBook.valuesAt(on)).planningRequiredForPromotion) return;
    const answer = answered
      ? answered.check(cadreId, null, on)
      : await this.planning.check(cadreId, null, on, by.requestId);
    if (!answer.inPlanningPool) {
      throw new RuleViolationError(
        'NOT_IN_PLANNING_POOL',
        'Rotation is for cadres in the approved planning.',
        'cadreId',
      );
    }
  }

  /**
   * Records a rotation, transfer or secondment (rules 11 and 13); in the caller's transaction when
   * given one (an import batch's row), with planning's answers asked before it opened (`answered`).
   */
  async record(
    input: RecordMobilityInput,
    by: Actor,
    within?: Transaction,
    answered?: PlanningAnswers,
  ): Promise<Mobility> {
    const cadreId = parseId(input.cadreId, 'cadreId');
    const toOrgUnitId = parseId(input.toOrgUnitId, 'toOrgUnitId');
    const purpose = normaliseText(input.purpose);
    if (!purpose)
      throw new InvalidInputError([{ field: 'purpose', reason: 'REQUIRED', message: 'A purpose is required.' }]);
    const plannedEndOn = input.plannedEndOn ?? null;
    if (input.kind === MobilityKind.TRANSFER && plannedEndOn) {
      throw new InvalidInputError([
        { field: 'plannedEndOn', reason: 'TRANSFER_IS_PERMANENT', message: 'A transfer has no planned end.' },
      ]);
    }
    if (input.kind !== MobilityKind.TRANSFER && !plannedEndOn) {
      throw new InvalidInputError([
        { field: 'plannedEndOn', reason: 'REQUIRED', message: `A ${input.kind.toLowerCase()} needs a planned end.` },
      ]);
    }
    // Rule 11's planning pool is planning's data, asked over the network before the transaction.
    if (input.kind === MobilityKind.ROTATION)
      await this.checkPlanningPool(cadreId, input.decisionId, by, within, answered);
    const work = async (manager: Transaction): Promise<Mobility> => {
      const decision = await this.decisions.requireCitable(manager, input.decisionId);
      const cadre = await this.cadres.lockById(manager, cadreId);
      if (!cadre) throw new NotFoundError('Cadre', cadreId);
      const destination = await this.orgUnits.byId(manager, toOrgUnitId);
      if (!destination) throw new NotFoundError('OrgUnit', toOrgUnitId);
      const on = decision.effectiveOn;
      assertUnitExistedOn(destination, on, 'toOrgUnitId');
      // Through the transaction's own connection: a second one could wait on a full pool forever.
      const [effective] = await this.cadres.findEffectiveUnitIds([cadre.id], on, manager);
      const { unitId: fromOrgUnitId } = must(effective, 'one answer per cadre asked, in key order');
      if (fromOrgUnitId === toOrgUnitId)
        throw new RuleViolationError('SAME_UNIT', 'The cadre is already in that unit.', 'toOrgUnitId');
      if (plannedEndOn && plannedEndOn <= on) {
        throw new InvalidInputError([
          { field: 'plannedEndOn', reason: 'END_BEFORE_START', message: `The move starts ${on}.` },
        ]);
      }
      const rules = await this.ruleBook.valuesAt(on, manager);
      assertBeforeRetirement(cadre, on, rules);
      if (input.kind === MobilityKind.ROTATION)
        assertServiceLeft(cadre, on, rules.rotationMinServiceYears, rules, 'INSUFFICIENT_SERVICE_LEFT_FOR_ROTATION');
      assertMobilityDuration(input.kind, on, plannedEndOn, rules);
      const mobility = await this.mobility.insert(manager, {
        cadreId: cadre.id,
        kind: input.kind,
        purpose,
        fromOrgUnitId,
        toOrgUnitId,
        startsOn: on,
        plannedEndOn,
        decisionId: decision.id,
      });
      await this.changes.append(manager, by, [
        {
          action: `MOBILITY_${input.kind}`,
          entity: 'Mobility',
          entityId: mobility.id,
          cadreId: cadre.id,
          decisionId: decision.id,
          after: mobility,
        },
      ]);
      return mobility;
    };
    return within ? work(within) : this.unitOfWork(work);
  }
}
