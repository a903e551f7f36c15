import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { PlanningContext } from '../../context';
import { Term } from '../term/term.entity';
import { Title } from '../title/title.type';
import { PlanningEntry } from './planning-entry.entity';

@Resolver(() => PlanningEntry)
export class PlanningEntryResolver {
  @FieldResolver(() => Term)
  term(@Root() entry: PlanningEntry, @Ctx() { loaders }: PlanningContext): Promise<Term | null> {
    return loaders.termById.load(entry.termId);
  }

  @FieldResolver(() => Title, { description: 'The planned title, resolved by the personnel subgraph.' })
  title(@Root() entry: PlanningEntry): Title {
    return { id: entry.titleId };
  }
}
