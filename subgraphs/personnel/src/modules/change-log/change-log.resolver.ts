import { BadInputError, parseId } from '@cadres/core';
import { MutationAuditEntry, ReadAuditEntry } from '@cadres/subgraph-kit';
import { personnelPolicy } from '../../policy';
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { PersonnelContainer } from '../../container';
import type { PersonnelContext } from '../../context';
import { ChangeLogEntry } from './change-log.entity';

@Resolver(() => ChangeLogEntry)
export class ChangeLogResolver {
  constructor(private readonly personnel: PersonnelContainer) {}

  @Query(() => [ChangeLogEntry], {
    description: 'The append-only change history of a record or of everything about a cadre, newest first.',
  })
  changeHistory(
    @Arg('entityId', () => ID, { nullable: true }) entityId: string | undefined,
    @Arg('cadreId', () => ID, { nullable: true }) cadreId: string | undefined,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Ctx() { identity }: PersonnelContext,
  ): Promise<ChangeLogEntry[]> {
    personnelPolicy.require(identity, 'readChangeHistory');
    if (!entityId && !cadreId) throw new BadInputError('Give entityId or cadreId', 'entityId');
    if (first < 1 || first > 500) throw new BadInputError('first must be between 1 and 500', 'first');
    return this.personnel.changes.findFor(
      {
        entityId: entityId ? parseId(entityId, 'entityId') : undefined,
        cadreId: cadreId ? parseId(cadreId, 'cadreId') : undefined,
      },
      first,
    );
  }

  @Query(() => [ReadAuditEntry], {
    description: 'Partner agencies’ reads of sensitive personnel fields, newest first (ADMIN).',
  })
  personnelReadAudit(
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Ctx() { identity }: PersonnelContext,
  ): Promise<ReadAuditEntry[]> {
    personnelPolicy.require(identity, 'readAudit');
    return this.personnel.audit.reads(Math.min(Math.max(first, 1), 1000));
  }

  @Query(() => [MutationAuditEntry], { description: 'Every personnel mutation as received, newest first (ADMIN).' })
  personnelMutationAudit(
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Ctx() { identity }: PersonnelContext,
  ): Promise<MutationAuditEntry[]> {
    personnelPolicy.require(identity, 'readAudit');
    return this.personnel.audit.mutations(Math.min(Math.max(first, 1), 1000));
  }
}
