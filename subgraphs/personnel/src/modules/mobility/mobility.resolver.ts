import { payloadOf } from '@cadres/subgraph-kit';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  citedDecision,
  decisionFor,
  onlyVisible,
  requireAction,
  requireCadreWritable,
  requireUnitWritable,
  visibleCadre,
} from '../../access';
import type { PersonnelContainer } from '../../container';
import { actorOf, type PersonnelContext } from '../../context';
import { checkWindow } from '../../query-window';
import { Cadre } from '../cadre/cadre.entity';
import { Decision } from '../decision/decision.entity';
import { OrgUnit } from '../org-unit/org-unit.entity';
import { addDays, today } from '@cadres/core';
import { Mobility } from './mobility.entity';
import { RecordMobilityInput } from './mobility.inputs';
import { MobilityCount, MobilityPayload } from './mobility.type';
import { LocalDateResolver } from 'graphql-scalars';

@Resolver(() => Mobility)
export class MobilityResolver {
  constructor(private readonly personnel: PersonnelContainer) {}

  @Query(() => [Mobility], {
    description: 'Rotations and secondments planned to end within the given number of days, soonest first.',
  })
  async mobilitiesEnding(
    @Arg('withinDays', () => Int) withinDays: number,
    @Ctx() context: PersonnelContext,
  ): Promise<Mobility[]> {
    requireAction(context, 'listEndingMobilities');
    const from = today();
    return onlyVisible(
      context,
      await this.personnel.mobility.findEnding(from, addDays(from, checkWindow(withinDays))),
      (m) => m.cadreId,
    );
  }

  @Query(() => [MobilityCount], {
    description:
      'Rotations, transfers and secondments under way in a period, per kind, over the caller’s units (the committee’s report).',
  })
  async mobilityStatistics(
    @Arg('from', () => LocalDateResolver, { nullable: true }) from: string | undefined,
    @Arg('to', () => LocalDateResolver, { nullable: true }) to: string | undefined,
    @Ctx() context: PersonnelContext,
  ): Promise<MobilityCount[]> {
    requireAction(context, 'readMobilityStatistics');
    return (await this.personnel.mobility.countOverlapping(
      from ?? null,
      to ?? null,
      context.identity.units,
    )) as MobilityCount[];
  }

  @Mutation(() => MobilityPayload, { description: 'Records a ROTATION, TRANSFER or SECONDMENT decision.' })
  async recordMobility(
    @Arg('input') input: RecordMobilityInput,
    @Ctx() context: PersonnelContext,
  ): Promise<MobilityPayload> {
    await requireCadreWritable(context, input.cadreId);
    requireUnitWritable(context, input.toOrgUnitId, 'toOrgUnitId');
    // A decision the writer cannot see is refused as one that does not exist, in the payload.
    return payloadOf('mobility', async () => {
      await decisionFor(context, 'citeDecision', input.decisionId);
      return this.personnel.services.mobility.record(input, actorOf(context));
    });
  }

  @FieldResolver(() => Cadre, { nullable: true, description: 'Null outside the caller’s subtrees.' })
  cadre(@Root() mobility: Mobility, @Ctx() context: PersonnelContext): Promise<Cadre | null> {
    return visibleCadre(context, mobility.cadreId);
  }

  @FieldResolver(() => OrgUnit)
  fromOrgUnit(@Root() mobility: Mobility, @Ctx() { loaders }: PersonnelContext): Promise<OrgUnit | null> {
    return loaders.orgUnitById.load(mobility.fromOrgUnitId);
  }

  @FieldResolver(() => OrgUnit)
  toOrgUnit(@Root() mobility: Mobility, @Ctx() { loaders }: PersonnelContext): Promise<OrgUnit | null> {
    return loaders.orgUnitById.load(mobility.toOrgUnitId);
  }

  @FieldResolver(() => Decision, { nullable: true, description: 'Null with FORBIDDEN for a partner agency.' })
  decision(@Root() mobility: Mobility, @Ctx() context: PersonnelContext): Promise<Decision | null> {
    return citedDecision(context, mobility.decisionId);
  }
}
