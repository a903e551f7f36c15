import 'reflect-metadata';
import { BadInputError, must } from '@cadres/core';
import { JSONResolver, LocalDateResolver } from 'graphql-scalars';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, type DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';

/**
 * One version of a rule's value, in the owning subgraph's `rule_setting` table. A rule's value at a
 * date is its latest version effective on or before that date; with none, its coded default.
 */
@Entity({ name: 'rule_setting' })
export class RuleSettingRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar' })
  key: string;

  @Column({ type: 'jsonb' })
  value: unknown;

  @Column({ name: 'legal_basis', type: 'varchar' })
  legalBasis: string;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@ObjectType({ description: 'A business rule limit in effect: value, legal basis and since when.' })
@Directive('@shareable')
export class RuleSetting {
  @Field({ description: 'e.g. APPOINTMENT_TERM_YEARS.' })
  key: string;

  @Field()
  description: string;

  @Field(() => JSONResolver)
  value: unknown;

  @Field()
  legalBasis: string;

  @Field(() => LocalDateResolver)
  effectiveFrom: string;

  @Field({ description: 'True when no version was configured and the coded default applies.' })
  isDefault: boolean;
}

export interface RuleDefinition<T> {
  key: string;
  description: string;
  schema: z.ZodType<T>;
  defaultValue: T;
  legalBasis: string;
  effectiveFrom: string;
}

export type RuleDefinitions = Record<string, RuleDefinition<unknown>>;
export type RuleValues<D extends RuleDefinitions> = {
  [K in keyof D]: D[K] extends RuleDefinition<infer T> ? T : never;
};

export function defineRule<T>(definition: RuleDefinition<T>): RuleDefinition<T> {
  return definition;
}

/** Every rule's coded default, keyed as in the definitions (what `valuesAt` gives with no version configured). */
export function defaultRuleValues<D extends RuleDefinitions>(definitions: D): RuleValues<D> {
  return Object.fromEntries(
    Object.entries(definitions).map(([name, definition]) => [name, definition.defaultValue]),
  ) as RuleValues<D>;
}

/** Reads and versions a subgraph's rules. */
export class RuleBook<D extends RuleDefinitions> {
  constructor(
    private readonly dataSource: DataSource,
    readonly definitions: D,
  ) {}

  /** rule-setting.findInEffect: every rule's value at `date`, in one statement. */
  async settingsAt(date: string, manager: EntityManager = this.dataSource.manager): Promise<RuleSetting[]> {
    const rows: RuleSettingRow[] = await manager.query(
      `SELECT DISTINCT ON (key) key, value, legal_basis AS "legalBasis", to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom"
         FROM rule_setting WHERE effective_from <= $1 ORDER BY key, effective_from DESC`,
      [date],
    );
    const configured = new Map(rows.map((row) => [row.key, row]));
    return Object.values(this.definitions).map((definition) => {
      const row = configured.get(definition.key);
      return row
        ? {
            key: definition.key,
            description: definition.description,
            value: row.value,
            legalBasis: row.legalBasis,
            effectiveFrom: row.effectiveFrom,
            isDefault: false,
          }
        : {
            key: definition.key,
            description: definition.description,
            value: definition.defaultValue,
            legalBasis: definition.legalBasis,
            effectiveFrom: definition.effectiveFrom,
            isDefault: true,
          };
    });
  }

  /** The values in effect at `date`, typed, keyed as in the definitions. */
  async valuesAt(date: string, manager?: EntityManager): Promise<RuleValues<D>> {
    const byKey = new Map((await this.settingsAt(date, manager)).map((s) => [s.key, s.value]));
    return Object.fromEntries(
      Object.entries(this.definitions).map(([name, definition]) => [name, byKey.get(definition.key)]),
    ) as RuleValues<D>;
  }

  /** Adds a version; the value is checked against the rule's schema first. */
  async define(
    key: string,
    value: unknown,
    legalBasis: string,
    effectiveFrom: string,
    manager: EntityManager,
  ): Promise<RuleSettingRow> {
    const definition = Object.values(this.definitions).find((d) => d.key === key);
    if (!definition) throw new BadInputError(`Unknown rule ${key}`, 'key');
    const parsed = definition.schema.safeParse(value);
    if (!parsed.success)
      throw new BadInputError(
        `Invalid value for ${key}: ${must(parsed.error.issues[0], 'a failed parse has an issue').message}`,
        'value',
      );
    return manager.getRepository(RuleSettingRow).save({ key, value: parsed.data, legalBasis, effectiveFrom });
  }
}
