import {
  BadInputError,
  DomainError,
  InvalidInputError,
  isUuid,
  NotFoundError,
  parseId,
  RuleViolationError,
  today,
} from '@cadres/core';
import {
  checkPageSize,
  type ConstraintErrors,
  decodeCursor,
  encodeCursor,
  type RuleBook,
  mutationAuditWrite,
  type Transaction,
  type UnitOfWork,
} from '@cadres/subgraph-kit';
import type { OrgUnitRepository } from '../org-unit/org-unit.repository';
import { retirementDateOf } from '../rules/eligibility';
import type { PersonnelRuleDefinitions } from '../rules/personnel-rules';
import type { Actor, Change, ChangeLogRepository } from '../change-log/change-log.repository';
import type { Cadre } from './cadre.entity';
import {
  CadreOrderField,
  OrderDirection,
  type CadreFilter,
  type CadreOrder,
  type CreateCadreInput,
  type UpdateCadreInput,
} from './cadre.inputs';
import type { CadreRepository } from './cadre.repository';
import type { CadreConnection } from './cadre.type';
import { cadreChanges, movesRetirementDate, newCadreRecord, normaliseText } from './cadre.validation';

const DEFAULT_ORDER: CadreOrder = { field: CadreOrderField.FULL_NAME, direction: OrderDirection.ASC };

/** The record's field each order sorts by, which a cursor carries. */
const SORT_FIELDS = {
  [CadreOrderField.FULL_NAME]: 'fullName',
  [CadreOrderField.DATE_OF_BIRTH]: 'dateOfBirth',
  [CadreOrderField.PERSONAL_ID_NUMBER]: 'personalIdNumber',
} as const satisfies Record<CadreOrderField, keyof Cadre>;

/** What a cursor's sort value must look like, for the orders whose values have a shape. */
const SORT_VALUE_SHAPES: Partial<Record<CadreOrderField, RegExp>> = {
  [CadreOrderField.DATE_OF_BIRTH]: /^\d{4}-\d{2}-\d{2}$/,
  [CadreOrderField.PERSONAL_ID_NUMBER]: /^\d{12}$/,
};

/**
 * Rule 9's other half, implemented by the appointment feature's repository and handed in by the
 * container: the cadre feature declares what it needs, so it does not depend on appointments
 * (which depend on cadres).
 */
export interface PostsEndingAtRetirement {
  /** Moves the ends of the cadre's posts from the old retirement date to the new; returns the posts that would start after it. */
  moveRetirementEnd(transaction: Transaction, cadreId: string, oldDate: string, newDate: string): Promise<string[]>;
}

/** The request's cadre loader (a DataLoader): `get` reads through it so a page of lookups is one query. */
interface CadreLoader {
  load(id: string): Promise<Cadre | null>;
}

export class CadreService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cadres: CadreRepository,
    private readonly changes: ChangeLogRepository,
    private readonly orgUnits: OrgUnitRepository,
    private readonly posts: PostsEndingAtRetirement,
    private readonly ruleBook: RuleBook<PersonnelRuleDefinitions>,
    /** The subgraph's constraint names and the refusals they stand for (database-errors.ts). */
    private readonly constraintErrors: ConstraintErrors & { cadre_personal_id_unique: () => DomainError },
  ) {}

  async get(rawId: string, loaders: { cadreById: CadreLoader }): Promise<Cadre> {
    const id = parseId(rawId);
    const cadre = await loaders.cadreById.load(id);
    if (!cadre) throw new NotFoundError('Cadre', id);
    return cadre;
  }

  /** The cadre with this number, if any: the caller decides (with the policy) what a miss answers. */
  findByPersonalId(personalIdNumber: string): Promise<Cadre | null> {
    if (!/^\d{12}$/.test(personalIdNumber))
      throw new BadInputError('A personal ID number has exactly 12 digits.', 'personalIdNumber');
    return this.cadres.findByPersonalId(personalIdNumber);
  }

  /** The cadres with these numbers (at most 1,000; a number nobody has is left out): another subgraph's import. */
  findByPersonalIds(personalIdNumbers: string[]): Promise<Cadre[]> {
    if (personalIdNumbers.length > 1000) throw new BadInputError('At most 1,000 numbers.', 'personalIdNumbers');
    return this.cadres.lookUpByPersonalIds(personalIdNumbers.filter((n) => /^\d{12}$/.test(n)));
  }

  /** A page of the cadres matching `filter` among those in `scopeUnits` (null: everywhere). */
  async list(
    filter: CadreFilter,
    order: CadreOrder = DEFAULT_ORDER,
    first: number,
    after: string | undefined,
    scopeUnits: string[] | null = null,
  ): Promise<CadreConnection> {
    checkPageSize(first);
    if (filter.orgUnitSubtree) filter.orgUnitSubtree = parseId(filter.orgUnitSubtree, 'filter.orgUnitSubtree');
    if (filter.titleId) filter.titleId = parseId(filter.titleId, 'filter.titleId');
    for (const bound of ['minAge', 'maxAge'] as const) {
      const age = filter[bound];
      if (age != null && (age < 0 || age > 120))
        throw new BadInputError(`${bound} must be between 0 and 120`, `filter.${bound}`);
    }
    if (filter.minAge != null && filter.maxAge != null && filter.minAge > filter.maxAge) {
      throw new BadInputError('minAge is above maxAge', 'filter.minAge');
    }
    const keyset = after ? (decodeCursor(after, 2) as [string, string]) : undefined;
    // A cursor is only ever ours: its id is a UUID and its value a date or a number when ordered by one.
    const valueShape = SORT_VALUE_SHAPES[order.field];
    if (keyset && (!isUuid(String(keyset[1])) || (valueShape && !valueShape.test(String(keyset[0]))))) {
      throw new BadInputError('"after" is not a cursor returned by this API for this order', 'after');
    }
    const on = today();
    const sortKey = (cadre: Cadre) => cadre[SORT_FIELDS[order.field]];
    // One row more than asked tells whether another page follows, without a second query.
    const [rows, totalCount] = await Promise.all([
      this.cadres.findPage({ filter, order, first: first + 1, after: keyset, scopeUnits }, on),
      this.cadres.count(filter, on, scopeUnits),
    ]);
    const edges = rows.slice(0, first).map((node) => ({ node, cursor: encodeCursor([sortKey(node), node.id]) }));
    return {
      edges,
      totalCount,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  /** In the caller's transaction when given one (an import batch), else in a unit of work of its own. */
  private run<T>(within: Transaction | undefined, work: (manager: Transaction) => Promise<T>): Promise<T> {
    return within ? work(within) : this.unitOfWork(work);
  }

  async create(input: CreateCadreInput, by: Actor, within?: Transaction): Promise<Cadre> {
    const orgUnitId = parseId(input.orgUnitId, 'orgUnitId');
    const { record, problems } = newCadreRecord(input, orgUnitId, today());
    if (problems.length) throw new InvalidInputError(problems);
    return this.run(within, async (manager) => {
      if (!(await this.orgUnits.byId(manager, orgUnitId))) throw new NotFoundError('OrgUnit', orgUnitId);
      const cadre = await this.cadres.insert(manager, record, input.degrees, input.familyMembers?.map(normaliseFamily));
      await this.changes.append(manager, by, [createdChange(cadre)]);
      return cadre;
    });
  }

  /**
   * Many new records in the caller's transaction (an import batch): each checked as `create` checks
   * one, their units in one statement, then one multi-row insert and one history insert for all.
   * Answers, in the inputs' order, the cadre created or why not (a number already taken, found by
   * the insert itself so that a concurrent writer cannot slip in between). The records without a
   * problem are written even when others have one: the caller decides to commit or roll back.
   */
  async createMany(
    inputs: Omit<CreateCadreInput, 'degrees' | 'familyMembers'>[],
    by: Actor,
    manager: Transaction,
  ): Promise<(Cadre | DomainError)[]> {
    const on = today();
    const prepared = inputs.map((input) => {
      const orgUnitId = parseId(input.orgUnitId, 'orgUnitId');
      return { orgUnitId, ...newCadreRecord(input, orgUnitId, on) };
    });
    const units = await this.orgUnits.existingIds(manager, [...new Set(prepared.map((p) => p.orgUnitId))]);
    const numbers = new Set<string>();
    const outcomes: (Cadre | DomainError | null)[] = prepared.map(({ orgUnitId, record, problems }) => {
      if (problems.length) return new InvalidInputError(problems);
      if (!units.has(orgUnitId)) return new NotFoundError('OrgUnit', orgUnitId);
      // Two new records with one number: the second is refused as the constraint would refuse it.
      if (numbers.has(record.personalIdNumber)) return this.constraintErrors.cadre_personal_id_unique();
      numbers.add(record.personalIdNumber);
      return null;
    });
    const toInsert = prepared.filter((_, i) => outcomes[i] === null);
    const inserted = new Map(
      (
        await this.cadres.insertMany(
          manager,
          toInsert.map((p) => p.record),
        )
      ).map((cadre) => [cadre.personalIdNumber, cadre]),
    );
    prepared.forEach(({ record }, i) => {
      if (outcomes[i] !== null) return;
      outcomes[i] = inserted.get(record.personalIdNumber) ?? this.constraintErrors.cadre_personal_id_unique();
    });
    await this.changes.append(manager, by, [...inserted.values()].map(createdChange));
    return outcomes as (Cadre | DomainError)[];
  }

  /** Posts end at retirement (rule 9): a corrected birth date or sex moves that end with the retirement date. */
  private async followRetirementDate(manager: Transaction, before: Cadre, after: Cadre): Promise<void> {
    if (before.sex === after.sex && before.dateOfBirth === after.dateOfBirth) return;
    const rules = await this.ruleBook.valuesAt(today(), manager);
    const stranded = await this.posts.moveRetirementEnd(
      manager,
      before.id,
      retirementDateOf(before, rules),
      retirementDateOf(after, rules),
    );
    if (stranded.length) {
      throw new RuleViolationError(
        'RETIREMENT_BEFORE_ASSIGNMENT',
        `With this record the cadre would retire on ${retirementDateOf(after, rules)}, before a post they took up; cancel that decision first.`,
        'dateOfBirth',
      );
    }
  }

  /**
   * The record locked, the change checked, then the changed fields, the history row and (for a
   * mutation of its own, not an import batch's row) the audit row written by one statement: the
   * record after is known from the lock's read (updated_at is the transaction's now()), so it is
   * not read back.
   */
  async update(rawId: string, input: UpdateCadreInput, by: Actor, within?: Transaction): Promise<Cadre> {
    const id = parseId(rawId);
    return this.run(within, async (manager) => {
      const locked = await this.cadres.lockForChange(manager, id);
      if (!locked) throw new NotFoundError('Cadre', id);
      const before = locked.record;
      const { changes, problems } = cadreChanges(before, input, today());
      if (problems.length) throw new InvalidInputError(problems);
      await this.followRetirementDate(manager, before, { ...before, ...changes });
      await this.cadres.replaceDetails(manager, id, input.degrees, input.familyMembers?.map(normaliseFamily));
      const after = this.cadres.recordAfter(manager, locked, changes);
      await this.changes.append(
        manager,
        by,
        [updatedChange(before, after)],
        this.cadres.updateWrite(manager, id, changes),
        within ? undefined : mutationAuditWrite(manager, after),
      );
      return after;
    });
  }

  /**
   * Changes to many records in the caller's transaction (an import batch): the records locked in
   * one statement, each change checked as `update` checks one; the changes that leave the
   * retirement date alone are written by one statement, with one history insert, and the few that
   * move it go through `update` (rule 9 moves that cadre's posts). Answers, in the inputs' order,
   * the record after or why not; the caller decides to commit or roll back.
   */
  async updateMany(
    updates: { id: string; input: Omit<UpdateCadreInput, 'degrees' | 'familyMembers'> }[],
    by: Actor,
    manager: Transaction,
  ): Promise<(Cadre | DomainError)[]> {
    const on = today();
    const locked = new Map(
      (
        await this.cadres.lockByIds(
          manager,
          updates.map((u) => u.id),
        )
      ).map((c) => [c.id, c]),
    );
    const outcomes: (Cadre | DomainError | null)[] = [];
    const plain: { index: number; before: Cadre; after: Cadre }[] = [];
    for (const [index, { id, input }] of updates.entries()) {
      const before = locked.get(id);
      if (!before) {
        outcomes.push(new NotFoundError('Cadre', id));
        continue;
      }
      const { changes, problems } = cadreChanges(before, input, on);
      if (problems.length) outcomes.push(new InvalidInputError(problems));
      else if (movesRetirementDate(before, changes))
        outcomes.push(await this.update(id, input, by, manager).catch((error: unknown) => asDomainError(error)));
      else {
        outcomes.push(null);
        plain.push({ index, before, after: { ...before, ...changes } });
      }
    }
    const written = new Map(
      (
        await this.cadres.updateMany(
          manager,
          plain.map((p) => p.after),
        )
      ).map((cadre) => [cadre.id, cadre]),
    );
    for (const { index, before } of plain) outcomes[index] = written.get(before.id) as Cadre;
    await this.changes.append(
      manager,
      by,
      plain.map(({ before }) => updatedChange(before, written.get(before.id) as Cadre)),
    );
    return outcomes as (Cadre | DomainError)[];
  }
}

/** The history entry createCadre writes. */
function createdChange(cadre: Cadre): Change {
  return { action: 'CADRE_CREATED', entity: 'Cadre', entityId: cadre.id, cadreId: cadre.id, after: cadre };
}

/** The history entry updateCadre writes. */
function updatedChange(before: Cadre, after: Cadre): Change {
  return { action: 'CADRE_UPDATED', entity: 'Cadre', entityId: before.id, cadreId: before.id, before, after };
}

/** A refusal as a row's outcome; anything else (the database's own refusal) fails the whole batch. */
function asDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  throw error;
}

function normaliseFamily<T extends { fullName: string }>(member: T): T {
  return { ...member, fullName: normaliseText(member.fullName) };
}
