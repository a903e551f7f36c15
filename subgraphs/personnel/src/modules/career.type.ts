import { createUnionType } from 'type-graphql';
import { Assignment } from './appointment/appointment.entity';
import { Mobility } from './mobility/mobility.entity';

/** One line of the career history: a title held, or a move. */
export const CareerEvent = createUnionType({
  name: 'CareerEvent',
  description: 'An assignment (title held) or a mobility (rotation, transfer, secondment).',
  types: () => [Assignment, Mobility] as const,
  resolveType: (value) => ('titleId' in value ? Assignment : Mobility),
});
