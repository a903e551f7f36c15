import { LocalDateResolver } from 'graphql-scalars';
import { createUnionType, Field, ObjectType } from 'type-graphql';
import { Assignment } from '../appointment/appointment.entity';
import { Mobility } from '../mobility/mobility.entity';

@ObjectType({
  description:
    'Retirement (nghỉ hưu), derived from the retirement date and never recorded: it ends every post held that day, and the seat is free from it.',
})
export class Retirement {
  @Field(() => LocalDateResolver, { description: 'The retirement date: the first day no post is held.' })
  on: string;

  @Field(() => [Assignment], { description: 'The posts it ended.' })
  endedAssignments: Assignment[];

  /** Its place among the other events. */
  startsOn: string;
}

/** One line of the career history: a title held, a move, or retirement. */
export const CareerEvent = createUnionType({
  name: 'CareerEvent',
  description: 'An assignment (title held), a mobility (rotation, transfer, secondment), or retirement (derived).',
  types: () => [Assignment, Mobility, Retirement] as const,
  resolveType: (value) => ('titleId' in value ? Assignment : 'endedAssignments' in value ? Retirement : Mobility),
});
