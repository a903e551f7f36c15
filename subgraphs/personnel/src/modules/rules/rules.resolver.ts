import { payloadOf, RuleSetting, UserError } from '@cadres/subgraph-kit';
import { GraphQLJSON, LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { actorOf, type PersonnelContext, type PersonnelRepositories } from '../../context';
import { inTransaction } from '../../database-errors';
import { today } from './dates';

@InputType()
export class DefineRuleSettingInput {
  @Field({ description: 'e.g. APPOINTMENT_TERM_YEARS.' }) key: string;
  @Field(() => GraphQLJSON) value: unknown;
  @Field() legalBasis: string;
  @Field(() => LocalDateResolver) effectiveFrom: string;
}

@ObjectType()
export class RuleSettingPayload {
  @Field(() => RuleSetting, { nullable: true }) setting: RuleSetting | null;
  @Field(() => [UserError]) errors: UserError[];
}

@Resolver(() => RuleSetting)
export class PersonnelRulesResolver {
  constructor(private readonly personnel: PersonnelRepositories) {}

  @Query(() => [RuleSetting], { description: 'The personnel rules (DOMAIN.md 7–13) in effect on a date (today by default).' })
  personnelRuleSettings(@Arg('at', () => LocalDateResolver, { nullable: true }) at: string | undefined): Promise<RuleSetting[]> {
    return this.personnel.ruleBook.settingsAt(at ?? today());
  }

  @Mutation(() => RuleSettingPayload, { description: 'Adds a version of a personnel rule, in effect from its date.' })
  definePersonnelRuleSetting(@Arg('input') input: DefineRuleSettingInput, @Ctx() context: PersonnelContext): Promise<RuleSettingPayload> {
    return payloadOf('setting', () =>
      inTransaction(this.personnel.dataSource, async (manager) => {
        const row = await this.personnel.ruleBook.define(input.key, input.value, input.legalBasis, input.effectiveFrom, manager);
        await this.personnel.changes.append(manager, actorOf(context), [{ action: 'RULE_DEFINED', entity: 'RuleSetting', entityId: row.id, after: row }]);
        const settings = await this.personnel.ruleBook.settingsAt(input.effectiveFrom, manager);
        return settings.find((s) => s.key === input.key) as RuleSetting;
      }),
    );
  }
}
