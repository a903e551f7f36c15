import {
  BadInputError,
  InvalidInputError,
  isUuid,
  NotFoundError,
  parseId,
  RuleViolationError,
  today,
} from '@cadres/core';
import {
  checkPageSize,
  decodeCursor,
  encodeCursor,
  type RuleBook,
  type Transaction,
  type UnitOfWork,
} from '@cadres/subgraph-kit';
import type { OrgUnitRepository } from '../org-unit/org-unit.repository';
import { retirementDateOf } from '../rules/eligibility';
import type { PersonnelRuleDefinitions } from '../rules/personnel-rules';
import type { Actor, ChangeLogRepository } from '../change-log/change-log.repository';
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
import { cadreRecordProblems, normaliseOptional, normaliseText } from './cadre.validation';

const DEFAULT_ORDER: CadreOrder = { field: CadreOrderField.FULL_NAME, direction: OrderDirection.ASC };

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

const TEXT_FIELDS = [
  'otherNames',
  'placeOfBirth',
  'hometown',
  'religion',
  'generalEducation',
  'phone',
  'email',
] as const;

export class CadreService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cadres: CadreRepository,
    private readonly changes: ChangeLogRepository,
    private readonly orgUnits: OrgUnitRepository,
    private readonly posts: PostsEndingAtRetirement,
    private readonly ruleBook: RuleBook<PersonnelRuleDefinitions>,
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
    // A cursor is only ever ours: its id is a UUID and, ordered by birth date, its value a date.
    if (
      keyset &&
      (!isUuid(String(keyset[1])) ||
        (order.field === CadreOrderField.DATE_OF_BIRTH && !/^\d{4}-\d{2}-\d{2}$/.test(String(keyset[0]))))
    ) {
      throw new BadInputError('"after" is not a cursor returned by this API for this order', 'after');
    }
    const on = today();
    const sortKey = (cadre: Cadre) =>
      order.field === CadreOrderField.DATE_OF_BIRTH ? cadre.dateOfBirth : cadre.fullName;
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

  /**
   * Runs `work` in the caller's transaction when given one (an import batch, which commits or rolls
   * back many rows together), else in a transaction of its own: one code path for a single
   * mutation and for each row of an import.
   */
  /** In the caller's transaction when given one (an import batch), else in a unit of work of its own. */
  private run<T>(within: Transaction | undefined, work: (manager: Transaction) => Promise<T>): Promise<T> {
    return within ? work(within) : this.unitOfWork(work);
  }

  async create(input: CreateCadreInput, by: Actor, within?: Transaction): Promise<Cadre> {
    const record = normaliseRecord(input);
    const orgUnitId = parseId(input.orgUnitId, 'orgUnitId');
    const fields = {
      ...record,
      fullName: normaliseText(input.fullName),
      ethnicity: normaliseText(input.ethnicity),
      sex: input.sex,
    };
    const full = {
      ...fields,
      dateOfBirth: input.dateOfBirth,
      personalIdNumber: input.personalIdNumber.trim(),
      category: input.category,
      orgUnitId,
    };
    const problems = cadreRecordProblems(full, today());
    if (problems.length) throw new InvalidInputError(problems);
    return this.run(within, async (manager) => {
      if (!(await this.orgUnits.byId(manager, orgUnitId))) throw new NotFoundError('OrgUnit', orgUnitId);
      const cadre = await this.cadres.insert(manager, full, input.degrees, input.familyMembers?.map(normaliseFamily));
      await this.changes.append(manager, by, [
        { action: 'CADRE_CREATED', entity: 'Cadre', entityId: cadre.id, cadreId: cadre.id, after: cadre },
      ]);
      return cadre;
    });
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

  async update(rawId: string, input: UpdateCadreInput, by: Actor, within?: Transaction): Promise<Cadre> {
    const id = parseId(rawId);
    return this.run(within, async (manager) => {
      const before = await this.cadres.lockById(manager, id);
      if (!before) throw new NotFoundError('Cadre', id);
      const changes: Partial<Cadre> = normaliseRecord(input);
      if (input.fullName !== undefined) changes.fullName = normaliseText(input.fullName ?? '');
      if (input.ethnicity !== undefined) changes.ethnicity = normaliseText(input.ethnicity ?? '');
      for (const key of ['sex', 'dateOfBirth', 'category'] as const)
        if (input[key] != null) Object.assign(changes, { [key]: input[key] });
      if (input.personalIdNumber != null) changes.personalIdNumber = input.personalIdNumber.trim();
      const problems = cadreRecordProblems({ ...before, ...changes }, today());
      if (problems.length) throw new InvalidInputError(problems);
      await this.followRetirementDate(manager, before, { ...before, ...changes });
      const after = await this.cadres.update(
        manager,
        id,
        changes,
        input.degrees,
        input.familyMembers?.map(normaliseFamily),
      );
      await this.changes.append(manager, by, [
        { action: 'CADRE_UPDATED', entity: 'Cadre', entityId: id, cadreId: id, before, after },
      ]);
      return after;
    });
  }
}

function normaliseRecord(input: CreateCadreInput | UpdateCadreInput): Partial<Cadre> {
  const record: Partial<Cadre> = {};
  for (const key of TEXT_FIELDS) if (input[key] !== undefined) record[key] = normaliseOptional(input[key]) ?? null;
  for (const key of ['grade', 'gradeSince', 'partyAdmissionDate', 'partyOfficialDate'] as const) {
    if (input[key] !== undefined) Object.assign(record, { [key]: input[key] ?? null });
  }
  return record;
}

function normaliseFamily<T extends { fullName: string }>(member: T): T {
  return { ...member, fullName: normaliseText(member.fullName) };
}
