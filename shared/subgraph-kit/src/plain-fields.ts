import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/**
 * Gives the plain fields of a type-graphql schema a plain resolver: a property read.
 *
 * With a global middleware (the kit's audit, see federation.ts), type-graphql resolves every field
 * through its middleware chain, an async function: each scalar of each row becomes a promise that
 * graphql-js must await. The audit only acts on a root mutation field (its transaction) or on a
 * field that needs a scope (`@Authorized`, a partner's read); for any other field of an object type
 * it is `next()`. A field is plain, and read directly, when every class that may define it (the
 * object types of that name, their superclasses and interfaces) declares it without `@Authorized`,
 * without a middleware and without a field resolver; anything in doubt keeps type-graphql's
 * resolver. Returns how many fields it made plain (the kit's unit test counts them).
 */
export function readPlainFieldsDirectly(schema: GraphQLSchema): number {
  const storage = getMetadataStorage();
  const guarded = new Map<unknown, Set<string>>();
  for (const { target, fieldName } of [...storage.authorizedFields, ...storage.middlewares])
    guarded.set(target, (guarded.get(target) ?? new Set()).add(fieldName));
  const classWide = new Set<unknown>([
    ...storage.authorizedResolver.map(({ target }) => target),
    ...storage.resolverMiddlewares.map(({ target }) => target),
  ]);
  const resolvedNames = new Set(
    storage.fieldResolvers.flatMap(({ methodName, schemaName }) => [methodName, schemaName]),
  );
  let made = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const classes = classesOf(type.name);
    if (classes.length === 0) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.resolve || resolvedNames.has(field.name)) continue;
      const declared = storage.fields.filter((f) => f.schemaName === field.name && classes.includes(f.target));
      const [first] = declared;
      const plain =
        first !== undefined &&
        declared.every(
          (f) => f.name === first.name && guarded.get(f.target)?.has(f.name) !== true && !classWide.has(f.target),
        );
      if (!plain) continue;
      field.resolve = propertyOf(first.name);
      made += 1;
    }
  }
  return made;

  /** The classes whose fields a GraphQL object type of this name may have: each one, its superclasses, its interfaces. */
  function classesOf(typeName: string): unknown[] {
    const found: unknown[] = [];
    const add = (target: unknown) => {
      for (let c = target; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c) as unknown)
        if (!found.includes(c)) found.push(c);
    };
    for (const objectType of storage.objectTypes.filter((o) => o.name === typeName)) {
      add(objectType.target);
      for (const implemented of objectType.interfaceClasses ?? []) add(implemented);
    }
    return found;
  }
}

/** What type-graphql's own field resolver returns once its middlewares pass: the property, synchronously. */
const propertyOf =
  (property: string): GraphQLFieldResolver<Record<string, unknown>, unknown> =>
  (root) =>
    root[property];
