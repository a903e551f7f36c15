import { Query, Resolver } from 'type-graphql';
import { Term } from './term.entity';
import type { TermRepository } from './term.repository';

@Resolver(() => Term)
export class TermResolver {
  constructor(private readonly repository: TermRepository) {}

  @Query(() => [Term], { description: 'Every term, oldest first.' })
  terms(): Promise<Term[]> {
    return this.repository.findAll();
  }
}
