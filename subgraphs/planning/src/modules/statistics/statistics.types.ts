import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Title } from '../title/title.type';

@ObjectType({ description: 'Planning entries of a term for one title and level, by status.' })
export class EntriesByTitle {
  @Field() termCode: string;
  // Nullable: personnel resolves it; with personnel out the title nulls, not the row (README, "Fault tolerance: the gateway").
  @Field(() => Title, { nullable: true, description: 'Resolved by personnel.' }) title: Title;
  @Field() level: string;
  @Field(() => Int) total: number;
  @Field(() => Int) proposed: number;
  @Field(() => Int) approved: number;
  @Field(() => Int) realised: number;
  @Field(() => Int) removed: number;
  @Field(() => Int) expired: number;
}

@ObjectType()
export class TermEntryTotal {
  @Field() termCode: string;
  @Field(() => Int) entries: number;
  @Field(() => Int) cadres: number;
}

@ObjectType({ description: 'How many planned titles have 0, 1, 2 or 3 active candidates.' })
export class BenchStrength {
  @Field(() => Int) candidates: number;
  @Field(() => Int) titles: number;
}

@ObjectType({ description: 'Composition of a term’s pool against the rule set’s targets (rule 17).' })
export class PoolComposition {
  @Field() termCode: string;
  @Field(() => Int) cadres: number;
  @Field(() => Int) young: number;
  @Field(() => Float) youngPercent: number;
  @Field(() => Float) youngTargetPercent: number;
  @Field(() => Int) women: number;
  @Field(() => Float) womenPercent: number;
  @Field(() => Float) womenTargetPercent: number;
  @Field(() => Int) ethnicMinorities: number;
  @Field(() => Float) ethnicMinorityPercent: number;
  @Field(() => [AgeBracket]) ageBrackets: AgeBracket[];
  @Field() meetsTargets: boolean;
}

@ObjectType()
export class AgeBracket {
  @Field({ description: 'e.g. "under 40", "40–44", "50 and over".' }) label: string;
  @Field(() => Int) cadres: number;
}

@ObjectType({
  description: 'A planned title whose incumbent retires within the term and which has no READY_NOW successor.',
})
export class SuccessionRisk {
  @Field(() => ID) plannedTitleId: string;
  @Field(() => Title, { nullable: true }) title: Title;
  @Field(() => ID, { nullable: true }) orgUnitId: string | null;
  @Field(() => ID, { description: 'The incumbent (a personnel Cadre id).' }) incumbentId: string;
  @Field() incumbentRetiresOn: string;
  @Field(() => Int) candidates: number;
}

@ObjectType({ description: 'What a review round changed: additions, and removals by reason.' })
export class RoundChanges {
  @Field() roundCode: string;
  @Field(() => Int) additions: number;
  @Field(() => Int) flagged: number;
  @Field(() => [RemovalCount]) removals: RemovalCount[];
}

@ObjectType()
export class RemovalCount {
  @Field() reason: string;
  @Field(() => Int) count: number;
}
