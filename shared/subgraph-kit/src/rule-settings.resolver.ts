import 'reflect-metadata';
import { today } from '@cadres/core';
import { GraphQLJSON, LocalDateResolver } from 'graphql-scalars';
import {
  Arg,
  Ctx,
  Directive,
  Field,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  type ClassType,
} from 'type-graphql';
import { payloadOf, UserError } from './payload';
import { RuleSetting, type RuleBook, type RuleDefinitions, type RuleSettingRow } from './rule-settings';
import type { SubgraphContext } from './subgraph-server';
import type { Transaction, UnitOfWork } from './transactions';

@InputType()
export class DefineRuleSettingInput {
  @Field({ description: 'e.g. APPOINTMENT_TERM_YEARS.' }) key: string;
  @Field(() => GraphQLJSON) value: unknown;
  @Field() legalBasis: string;
  @Field(() => LocalDateResolver) effectiveFrom: string;
}

@ObjectType()
@Directive('@shareable')
export class RuleSettingPayload {
  @Field(() => RuleSetting, { nullable: true }) setting: RuleSetting | null;
  @Field(() => [UserError]) errors: UserError[];
}

export interface RuleSettingsResolverOptions<D extends RuleDefinitions> {
  /** Field prefix, e.g. "personnel" gives personnelRuleSettings and definePersonnelRuleSetting. */
  prefix: string;
  /** Which rules, for the descriptions. */
  scope: string;
  /** The subgraph's transactions (its constraint errors and retries): the data source stays with the container. */
  unitOfWork: UnitOfWork;
  ruleBook: RuleBook<D>;
  /** Refuses callers who may not change rules (throws a domain error). */
  authorize: (context: SubgraphContext<unknown>) => void;
  /** Refuses callers who may not read them (the subgraph's policy); everyone when left out. */
  authorizeRead?: (context: SubgraphContext<unknown>) => void;
  /** Runs in the same transaction once a version is stored (e.g. to append to a change history). */
  afterDefine?: (transaction: Transaction, row: RuleSettingRow, context: SubgraphContext<unknown>) => Promise<void>;
}

/** Reading and versioning a subgraph's rules, the same way in every subgraph. */
export function ruleSettingsResolver<D extends RuleDefinitions>(
  options: RuleSettingsResolverOptions<D>,
): { type: ClassType; instance: object } {
  const capitalised = options.prefix.charAt(0).toUpperCase() + options.prefix.slice(1);

  @Resolver()
  class RuleSettingsResolver {
    @Query(() => [RuleSetting], {
      name: `${options.prefix}RuleSettings`,
      description: `The ${options.scope} in effect on a date (today by default).`,
    })
    settings(
      @Arg('at', () => LocalDateResolver, { nullable: true }) at: string | undefined,
      @Ctx() context: SubgraphContext<unknown>,
    ): Promise<RuleSetting[]> {
      options.authorizeRead?.(context);
      return options.ruleBook.settingsAt(at ?? today());
    }

    @Mutation(() => RuleSettingPayload, {
      name: `define${capitalised}RuleSetting`,
      description: `Adds a version of one of the ${options.scope}, in effect from its date.`,
    })
    define(
      @Arg('input') input: DefineRuleSettingInput,
      @Ctx() context: SubgraphContext<unknown>,
    ): Promise<RuleSettingPayload> {
      options.authorize(context);
      return payloadOf('setting', () =>
        options.unitOfWork(async (manager) => {
          const row = await options.ruleBook.define(
            input.key,
            input.value,
            input.legalBasis,
            input.effectiveFrom,
            manager,
          );
          await options.afterDefine?.(manager, row, context);
          const settings = await options.ruleBook.settingsAt(input.effectiveFrom, manager);
          return settings.find((s) => s.key === input.key) as RuleSetting;
        }),
      );
    }
  }
  return { type: RuleSettingsResolver, instance: new RuleSettingsResolver() };
}
