import { Query, Resolver } from 'type-graphql';
import { Programme } from './programme.entity';
import type { ProgrammeRepository } from './programme.repository';

@Resolver(() => Programme)
export class ProgrammeResolver {
  constructor(private readonly repository: ProgrammeRepository) {}

  @Query(() => [Programme], { description: 'The training catalogue, by category then code.' })
  programmes(): Promise<Programme[]> {
    return this.repository.findAll();
  }
}
