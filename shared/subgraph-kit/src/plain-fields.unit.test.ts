import 'reflect-metadata';
import { Role, type Identity } from '@cadres/core';
import { execute, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { Authorized, Field, FieldResolver, ObjectType, Query, Resolver } from 'type-graphql';
import { MutationLog } from './audit';
import { ReadLog } from './authorization';
import { buildFederatedSchema } from './federation';

@ObjectType()
class PlainFieldsRow {
  @Field()
  cadreId!: string;

  @Field({ name: 'label' })
  internalLabel!: string;

  @Authorized('pii:read')
  @Field()
  personalIdNumber!: string;

  @Field()
  computed!: string;
}

@Resolver(() => PlainFieldsRow)
class PlainFieldsRowResolver {
  @Query(() => PlainFieldsRow)
  plainFieldsRow(): PlainFieldsRow {
    return Object.assign(new PlainFieldsRow(), { cadreId: 'c-1', internalLabel: 'L', personalIdNumber: '0123' });
  }

  @FieldResolver(() => String)
  computed(): string {
    return 'from the resolver';
  }
}

const partner: Identity = { subject: 'p', role: Role.PARTNER, agency: 'A', scopes: ['pii:read'], units: null };
let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildFederatedSchema({ resolvers: [PlainFieldsRowResolver] });
});

const fieldsOf = () => {
  const type = schema.getType('PlainFieldsRow');
  if (!isObjectType(type)) throw new Error('PlainFieldsRow is not in the schema');
  return type.getFields();
};

describe('plain fields are read directly, the rest keeps its middleware', () => {
  it('reads a plain field (by its property, under another name too) without a promise', () => {
    const { cadreId, label } = fieldsOf();
    const row = { cadreId: 'c-1', internalLabel: 'L' };
    expect(cadreId?.resolve?.(row, {}, {}, {} as never)).toBe('c-1');
    expect(label?.resolve?.(row, {}, {}, {} as never)).toBe('L');
  });

  it('keeps a field that needs a scope, and one with a field resolver, on type-graphql’s resolvers', async () => {
    const readLog = new ReadLog();
    const added = jest.spyOn(readLog, 'add');
    const result = await execute({
      schema,
      document: parse('{ plainFieldsRow { cadreId label personalIdNumber computed } }'),
      contextValue: { identity: partner, readLog, mutationLog: new MutationLog() },
    });
    expect(result).toEqual({
      data: {
        plainFieldsRow: { cadreId: 'c-1', label: 'L', personalIdNumber: '0123', computed: 'from the resolver' },
      },
    });
    // The partner's read of the scoped field is still audited, and only that field.
    expect(added.mock.calls).toEqual([[['c-1'], 'PlainFieldsRow.personalIdNumber']]);
    const refused = await execute({
      schema,
      document: parse('{ plainFieldsRow { personalIdNumber } }'),
      contextValue: { identity: { ...partner, scopes: [] }, readLog: new ReadLog(), mutationLog: new MutationLog() },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED');
  });
});
