import { Query, Resolver } from 'type-graphql';
import { Title } from './title.entity';
import type { TitleRepository } from './title.repository';

@Resolver(() => Title)
export class TitleResolver {
  constructor(private readonly repository: TitleRepository) {}

  @Query(() => [Title], { description: 'Every title, by level then code.' })
  titles(): Promise<Title[]> {
    return this.repository.findAll();
  }
}
