import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The limits a term's planning obeys (DOMAIN.md rules 14–17), stored as data with their legal basis. */
export interface RuleSetLimits {
  maxCandidatesPerTitle: number;
  maxTitlesPerCadreAtLevel: number;
  termYears: number;
  /** Full terms of service needed at the reference date; below `warnBelowTerms`, a warning. */
  minTermsOfService: number;
  warnBelowTerms: number;
  /** Composition targets (rule 17). */
  youngAgeLimit: number;
  targetYoungPercent: number;
  targetWomenPercent: number;
  ageBracketYears: number;
  /** Months during which a reprimand or worse flags an entry for removal. */
  disciplineLookbackMonths: number;
}

@ObjectType({ description: 'A planning rule set: QĐ 50-QĐ/TW (2021) or QĐ 377-QĐ/TW (2025).' })
@Entity({ name: 'rule_set' })
export class RuleSet {
  @Field()
  @PrimaryColumn({ type: 'varchar' })
  code: string;

  /**
   * Its code, under the name clients' caches normalise objects by (Apollo Client, urql's
   * graphcache): a rule set is never renamed, and without an `id` every term's `ruleSet` was a
   * copy that each query could overwrite with a partial one.
   */
  @Field(() => ID, { description: 'The rule set’s code: its identity, for client caches.' })
  get id(): string {
    return this.code;
  }

  @Field()
  @Column({ type: 'varchar' })
  name: string;

  @Field()
  @Column({ name: 'legal_basis', type: 'varchar' })
  legalBasis: string;

  @Field(() => GraphQLJSON)
  @Column({ type: 'jsonb' })
  limits: RuleSetLimits;
}
