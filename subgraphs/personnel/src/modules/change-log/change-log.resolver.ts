import { BadInputError, parseId } from '@cadres/core';
import { Arg, ID, Int, Query, Resolver } from 'type-graphql';
import type { PersonnelRepositories } from '../../context';
import { ChangeLogEntry } from './change-log.entity';

@Resolver(() => ChangeLogEntry)
export class ChangeLogResolver {
  constructor(private readonly personnel: PersonnelRepositories) {}

  @Query(() => [ChangeLogEntry], { description: 'The append-only change history of a record or of everything about a cadre, newest first.' })
  changeHistory(
    @Arg('entityId', () => ID, { nullable: true }) entityId: string | undefined,
    @Arg('cadreId', () => ID, { nullable: true }) cadreId: string | undefined,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
  ): Promise<ChangeLogEntry[]> {
    if (!entityId && !cadreId) throw new BadInputError('Give entityId or cadreId', 'entityId');
    if (first < 1 || first > 500) throw new BadInputError('first must be between 1 and 500', 'first');
    return this.personnel.changes.findFor(
      { entityId: entityId ? parseId(entityId, 'entityId') : undefined, cadreId: cadreId ? parseId(cadreId, 'cadreId') : undefined },
      first,
    );
  }
}
