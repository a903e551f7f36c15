/**
 * Access policy, deny by default (issue 12): one policy per subgraph, in its `src/policy.ts`.
 *
 * How a subgraph adopts it:
 *
 * 1. Name its actions and decide each from the identity alone, as data:
 *
 *      export const policy = new AccessPolicy({
 *        readCadre: { roles: [ADMIN, ORGANIZER, VIEWER, PARTNER, SERVICE], inScope: 'Cadre' },
 *        createProgramme: { roles: [ADMIN] },
 *        writeQuota: { roles: [ADMIN, ORGANIZER], inScope: 'forbidden' },
 *      });
 *
 *    `roles` may do it at all (anyone else: FORBIDDEN); `scope` is a sensitive scope they must hold
 *    too (`hasScope`); `inScope` ties it to the unit of the thing acted on — outside the caller's
 *    subtrees the thing answers exactly as a nonexistent one (`inScope: 'Cadre'` → the NOT_FOUND a
 *    missing cadre gives: same code, same message, no id), or FORBIDDEN where the unit is no secret
 *    (`'forbidden'`: org units and titles are public reference data).
 *
 * 2. Every resolver and service entry point asks it, and nothing is decided ad hoc:
 *      policy.require(identity, 'readCadre', unitId)   // throws the refusal
 *      policy.allows(identity, 'readCadre', unitId)    // filters lists, nulls references
 *    The role part (`require(identity, action)` without a unit) can refuse before any SQL runs.
 *
 * 3. Classify every field it contributes to the schema — every root field, mutation, field of
 *    every object type, and how `_entities` resolves each entity — in `classifyFields(...)`, and
 *    pass that to `buildFederatedSchema(options, references, classification)`. A schema with a field
 *    left out does not build, so the subgraph does not start, and the supergraph walk
 *    (`supergraphFieldOwners`, in gateway/src/access-policy.unit.test.ts) fails `npm test` first.
 *    The classification is a declaration checked at build time, not middleware: a plain field of a
 *    dossier costs nothing more at run time.
 */
import {
  ErrorCode,
  ForbiddenError,
  hasScope,
  NotFoundError,
  unitInScope,
  type DomainError,
  type Identity,
  type Role,
} from '@cadres/core';
import { isObjectType, isInterfaceType, Kind, parse, type ConstDirectiveNode, type GraphQLSchema } from 'graphql';

export interface ActionRule {
  /** Who may do it at all; anyone else is refused with FORBIDDEN (SERVICE too, unless listed). */
  readonly roles: readonly Role[];
  /** A sensitive scope the caller must also hold (see `hasScope`: PARTNER when granted, VIEWER never). */
  readonly scope?: string;
  /**
   * The unit of the thing acted on must lie in the caller's subtrees. An entity name: outside,
   * it is refused exactly as that entity would be when it does not exist. 'forbidden': outside is
   * FORBIDDEN, for units whose existence is public (a write naming another commune).
   */
  // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents -- names the sentinel callers test for
  readonly inScope?: string | 'forbidden';
}

/**
 * What a row rule looks at: the unit of the thing acted on; or, for a thing of several units (a
 * decision concerning cadres of many communes), all of them — in scope when one is — and who
 * registered it, which alone sees it while it concerns no unit yet (a decision just created).
 */
export type UnitOf =
  string | null | undefined | { readonly units: readonly (string | null)[]; readonly registeredBy?: string | null };

function inScopeOf(identity: Identity, unit: UnitOf): boolean {
  if (unit === null || unit === undefined || typeof unit === 'string') return unitInScope(identity, unit);
  if (identity.units === null) return true;
  if (unit.units.length === 0) return unit.registeredBy != null && unit.registeredBy === identity.subject;
  return unit.units.some((u) => unitInScope(identity, u));
}

/** The uniform refusal of a thing the caller may not know of: identical for "missing" and "outside". */
export function notFound(entity: string): DomainError {
  return new NotFoundError(entity);
}

export class AccessPolicy<Action extends string> {
  constructor(readonly rules: Readonly<Record<Action, ActionRule>>) {}

  /**
   * Why the identity may not do the action (on a thing of this unit), or null when it may. Without
   * `unitId` only the role and scope are decided: the row rule needs the thing's unit.
   */
  refusal(identity: Identity, action: Action, ...unit: [unitOf?: UnitOf]): DomainError | null {
    const rule = this.rules[action];
    if (!rule) return new ForbiddenError('Not allowed.'); // deny by default: an unknown action is refused
    if (!rule.roles.includes(identity.role)) return new ForbiddenError(`${identity.role} may not ${describe(action)}.`);
    if (rule.scope && !hasScope(identity, rule.scope))
      return new ForbiddenError(`${describe(action)} needs the ${rule.scope} scope.`);
    if (unit.length && rule.inScope && !inScopeOf(identity, unit[0])) {
      return rule.inScope === 'forbidden'
        ? new ForbiddenError('Outside your organisation subtree.')
        : notFound(rule.inScope);
    }
    return null;
  }

  allows(identity: Identity, action: Action, ...unit: [unitOf?: UnitOf]): boolean {
    return this.refusal(identity, action, ...unit) === null;
  }

  require(identity: Identity, action: Action, ...unit: [unitOf?: UnitOf]): void {
    const refusal = this.refusal(identity, action, ...unit);
    if (refusal) throw refusal;
  }

  /** Whether a refusal is the "does not exist" kind (a reference then resolves to null, silently). */
  static hides(refusal: DomainError | null): boolean {
    return refusal?.code === ErrorCode.NOT_FOUND;
  }
}

const describe = (action: string) => action.replace(/([A-Z])/g, ' $1').toLowerCase();

/** What decides whether a field may be read or a root field run. */
export type FieldDecision<Action extends string = string> =
  /** Whoever may see the parent object sees this field: the parent's own decision covers it. */
  | 'with-parent'
  /** Any authenticated caller: province-wide reference data (org units, titles, rule settings). */
  | 'public'
  /** ADMIN only (checked by the resolver through the policy's admin action). */
  | 'admin-only'
  /** Sensitive: needs this scope, enforced by `@Authorized(scope)` on the field. */
  | { readonly scope: string }
  /** Decided by a named action of the subgraph's policy, asked by the resolver. */
  | { readonly action: Action };

export interface FieldClassification<Action extends string = string> {
  /** Type name → field name → decision, for every field of every object type the subgraph contributes. */
  readonly fields: Readonly<Record<string, Readonly<Record<string, FieldDecision<Action>>>>>;
  /** Entity type → how `_entities` decides a reference to it (`__resolveReference`). */
  readonly references: Readonly<Record<string, FieldDecision<Action>>>;
}

/** Declares a subgraph's classification; typed so that every `{ action }` names one of its policy's. */
export function classifyFields<Action extends string>(
  _policy: AccessPolicy<Action>,
  classification: FieldClassification<Action>,
): FieldClassification<Action> {
  return classification;
}

/** The same decision for several fields of a type, still each named (a new field is not covered). */
export function each<Action extends string>(
  decision: FieldDecision<Action>,
  ...fields: string[]
): Record<string, FieldDecision<Action>> {
  return Object.fromEntries(fields.map((field) => [field, decision]));
}

/** The federation machinery every subgraph has: `_service` gives the SDL, `_entities` is classified per entity. */
const FEDERATION_ROOT_FIELDS = new Set(['_service', '_entities']);

/**
 * Every field of a subgraph's built schema without a decision ("Type.field"), every entity without
 * a reference decision ("Type.__resolveReference"), and every decision naming nothing that exists.
 */
export function classificationGaps(
  schema: GraphQLSchema,
  classification: FieldClassification,
): { unclassified: string[]; stale: string[] } {
  const unclassified: string[] = [];
  const present = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('_') || (!isObjectType(type) && !isInterfaceType(type))) continue;
    for (const field of Object.keys(type.getFields())) {
      if (type.name === 'Query' && FEDERATION_ROOT_FIELDS.has(field)) continue;
      present.add(`${type.name}.${field}`);
      if (!classification.fields[type.name]?.[field]) unclassified.push(`${type.name}.${field}`);
    }
  }
  const entityUnion = schema.getType('_Entity');
  const entities = entityUnion && 'getTypes' in entityUnion ? entityUnion.getTypes().map((t) => t.name) : [];
  for (const entity of entities) {
    present.add(`${entity}.__resolveReference`);
    if (!classification.references[entity]) unclassified.push(`${entity}.__resolveReference`);
  }
  const declared = [
    ...Object.entries(classification.fields).flatMap(([type, fields]) =>
      Object.keys(fields).map((field) => `${type}.${field}`),
    ),
    ...Object.keys(classification.references).map((entity) => `${entity}.__resolveReference`),
  ];
  return { unclassified: unclassified.sort(), stale: declared.filter((name) => !present.has(name)).sort() };
}

/** Refuses to build a schema with a field nobody decided on: deny by default, at start. */
export function assertFullyClassified(
  subgraph: string,
  schema: GraphQLSchema,
  classification: FieldClassification,
): void {
  const { unclassified, stale } = classificationGaps(schema, classification);
  if (unclassified.length || stale.length) {
    throw new Error(
      `${subgraph}: the access policy does not classify ${unclassified.join(', ') || 'nothing'}; it classifies what does not exist: ${stale.join(', ') || 'nothing'}`,
    );
  }
}

/** A field of the composed supergraph and the subgraph that resolves it. */
export interface OwnedField {
  /** The subgraph's name, as `@join__graph(name:)` gives it (personnel, training, planning). */
  subgraph: string;
  type: string;
  /** A field name, or `__resolveReference` for an entity the subgraph resolves by key. */
  field: string;
}

/**
 * Walks a composed supergraph and attributes every field of every object and interface type to
 * the subgraphs that resolve it, from the join directives: a field's `@join__field(graph:)`
 * (not `external`, not `usedOverridden`), else every graph of its type's `@join__type`; and an
 * entity to every graph that declares it with a resolvable `@key`.
 */
export function supergraphFieldOwners(supergraphSdl: string): OwnedField[] {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  const owned: OwnedField[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const name = argument(
          value.directives?.find((d) => d.name.value === 'join__graph'),
          'name',
        );
        graphNames.set(value.name.value, typeof name === 'string' ? name : value.name.value.toLowerCase());
      }
    }
  }
  const subgraphOf = (graph: unknown) => graphNames.get(String(graph)) ?? String(graph).toLowerCase();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const type = definition.name.value;
    if (type.startsWith('join__') || type.startsWith('link__')) continue;
    const typeJoins = (definition.directives ?? []).filter((d) => d.name.value === 'join__type');
    const typeGraphs = typeJoins.map((d) => argument(d, 'graph'));
    for (const join of typeJoins) {
      if (argument(join, 'key') !== undefined && argument(join, 'resolvable') !== false) {
        owned.push({ subgraph: subgraphOf(argument(join, 'graph')), type, field: '__resolveReference' });
      }
    }
    for (const field of definition.fields ?? []) {
      const fieldJoins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      const graphs = fieldJoins.length
        ? fieldJoins
            .filter((d) => argument(d, 'external') !== true && argument(d, 'usedOverridden') !== true)
            .map((d) => argument(d, 'graph'))
        : typeGraphs;
      for (const graph of new Set(graphs)) {
        if (graph !== undefined) owned.push({ subgraph: subgraphOf(graph), type, field: field.name.value });
      }
    }
  }
  return owned;
}

function argument(directive: ConstDirectiveNode | undefined, name: string): unknown {
  const value = directive?.arguments?.find((a) => a.name.value === name)?.value;
  if (!value) return undefined;
  switch (value.kind) {
    case Kind.BOOLEAN:
      return value.value;
    case Kind.STRING:
    case Kind.ENUM:
      return value.value;
    default:
      return undefined;
  }
}

/** Whether a field of the supergraph has a decision in its owning subgraph's classification. */
export function isClassified(classification: FieldClassification, owned: OwnedField): boolean {
  return owned.field === '__resolveReference'
    ? owned.type in classification.references
    : Boolean(classification.fields[owned.type]?.[owned.field]);
}
