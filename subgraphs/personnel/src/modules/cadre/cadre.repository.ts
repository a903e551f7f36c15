import {
  AnyOf,
  lockRecord,
  recordAfterUpdate,
  updateByIdWrite,
  type LockedRecord,
  type Write,
} from '@cadres/subgraph-kit';
import { type DataSource, type EntityManager, type Repository, type SelectQueryBuilder } from 'typeorm';
import { Degree, FamilyMember } from './cadre-details.entity';
import { listColumns, reviveLists, type CadreListKind, type CadreLists } from './cadre-lists.repository';
import { Cadre, type CadreWithUnit } from './cadre.entity';
import { CadreOrderField, OrderDirection, type CadreFilter, type CadreOrder } from './cadre.inputs';
import type { NewCadreRecord } from './cadre.validation';

export interface CadrePageQuery {
  filter: CadreFilter;
  order: CadreOrder;
  first: number;
  /** Keyset of the last row already seen: (sort value, id). */
  after?: readonly [string, string];
  /** Units the caller may see; null for all. */
  scopeUnits: string[] | null;
}

/** A cadre loaded with the unit they belong to on the query's date. */

const SORT_COLUMNS: Record<CadreOrderField, string> = {
  [CadreOrderField.FULL_NAME]: 'cadre.full_name',
  [CadreOrderField.DATE_OF_BIRTH]: 'cadre.date_of_birth',
  [CadreOrderField.PERSONAL_ID_NUMBER]: 'cadre.personal_id_number',
};

/**
 * The unit a cadre belongs to on `:on`: the destination of their latest transfer in effect, else
 * the unit that hired them. Derived rather than stored, so a transfer dated in the future changes
 * nothing until its day (DOMAIN.md rule 13).
 */
export const EFFECTIVE_UNIT_SQL = `COALESCE((
  SELECT m.to_org_unit_id FROM mobility m
   WHERE m.cadre_id = cadre.id AND m.kind = 'TRANSFER' AND NOT m.cancelled AND m.starts_on <= :on
   ORDER BY m.starts_on DESC LIMIT 1), cadre.org_unit_id)`;

/** Every column of the record as [expression, entity field], dates as the entity holds them ('YYYY-MM-DD'). */
const CADRE_SELECT: readonly (readonly [string, string])[] = [
  ...(
    [
      ['id', 'id'],
      ['full_name', 'fullName'],
      ['sex', 'sex'],
      ['ethnicity', 'ethnicity'],
      ['personal_id_number', 'personalIdNumber'],
      ['category', 'category'],
      ['org_unit_id', 'orgUnitId'],
      ['other_names', 'otherNames'],
      ['place_of_birth', 'placeOfBirth'],
      ['hometown', 'hometown'],
      ['religion', 'religion'],
      ['grade', 'grade'],
      ['general_education', 'generalEducation'],
      ['phone', 'phone'],
      ['email', 'email'],
      ['created_at', 'createdAt'],
      ['updated_at', 'updatedAt'],
    ] as const
  ).map(([column, field]) => [`cadre.${column}`, field] as const),
  ...(
    [
      ['date_of_birth', 'dateOfBirth'],
      ['grade_since', 'gradeSince'],
      ['party_admission_date', 'partyAdmissionDate'],
      ['party_official_date', 'partyOfficialDate'],
    ] as const
  ).map(([column, field]) => [`to_char(cadre.${column}, 'YYYY-MM-DD')`, field] as const),
];

const CADRE_COLUMNS = CADRE_SELECT.map(([expression, field]) => `${expression} AS "${field}"`).join(', ');

/** The record's columns a batch writes: column, entity field, and the element type of its array parameter. */
const RECORD_COLUMNS: readonly (readonly [string, keyof Cadre, string])[] = [
  ['full_name', 'fullName', 'text'],
  ['sex', 'sex', 'text'],
  ['date_of_birth', 'dateOfBirth', 'date'],
  ['ethnicity', 'ethnicity', 'text'],
  ['personal_id_number', 'personalIdNumber', 'text'],
  ['category', 'category', 'text'],
  ['org_unit_id', 'orgUnitId', 'uuid'],
  ['other_names', 'otherNames', 'text'],
  ['place_of_birth', 'placeOfBirth', 'text'],
  ['hometown', 'hometown', 'text'],
  ['religion', 'religion', 'text'],
  ['grade', 'grade', 'text'],
  ['grade_since', 'gradeSince', 'date'],
  ['party_admission_date', 'partyAdmissionDate', 'date'],
  ['party_official_date', 'partyOfficialDate', 'date'],
  ['general_education', 'generalEducation', 'text'],
  ['phone', 'phone', 'text'],
  ['email', 'email', 'text'],
];

/** One array per column (null for a field not given), for `unnest`. */
function columnArrays(records: Partial<Cadre>[], columns = RECORD_COLUMNS): unknown[][] {
  return columns.map(([, field]) => records.map((record) => record[field] ?? null));
}

/** Escapes LIKE wildcards so that a search for "50%" means the characters. */
function likeFragment(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The only code that reads or writes personnel.cadre and its details. */
export class CadreRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get cadres(): Repository<Cadre> {
    return this.dataSource.getRepository(Cadre);
  }

  /**
   * cadre.findByIds: one statement for a whole DataLoader batch, each cadre with their unit on
   * `on` and the lists of `kinds` (a dossier's career, a reference's degrees), so that a dossier
   * reads its cadre and lists in one statement. Plain SQL and plain rows: the hottest read of the
   * subgraph, where TypeORM's query building and hydration cost more than PostgreSQL's work.
   */
  async findByIds(
    ids: readonly string[],
    on: string,
    kinds: ReadonlySet<CadreListKind> = new Set(),
  ): Promise<(CadreWithUnit & Partial<CadreLists>)[]> {
    const rows: (CadreWithUnit & Partial<CadreLists>)[] = await this.dataSource.query(
      `/* cadre.findByIds */ SELECT ${CADRE_COLUMNS}, ${EFFECTIVE_UNIT_SQL.replaceAll(':on', '$2')} AS "effectiveUnitId"${listColumns(kinds)}
         FROM cadre WHERE cadre.id = ANY(CAST($1 AS uuid[]))`,
      [ids, on],
    );
    return rows.map(reviveLists);
  }

  /**
   * Runs a cadre query with each cadre's unit on `on` selected alongside, so that `Cadre.orgUnit`
   * (asked by the dossier, and by training and planning through @requires) costs no statement of its own.
   */
  private withEffectiveUnits(query: SelectQueryBuilder<Cadre>, on: string): Promise<CadreWithUnit[]> {
    // Plain rows under the entity's field names: TypeORM's hydration cost more than the page's rows.
    query.select([]);
    for (const [expression, field] of CADRE_SELECT) query.addSelect(expression, field);
    return query.addSelect(EFFECTIVE_UNIT_SQL, 'effectiveUnitId').setParameter('on', on).getRawMany();
  }

  /** cadre.findByPersonalId */
  findByPersonalId(personalIdNumber: string): Promise<Cadre | null> {
    return this.cadres.findOneBy({ personalIdNumber });
  }

  /** cadre.lookUpByPersonalIds: other subgraphs' import batches find their cadres by the number. */
  lookUpByPersonalIds(personalIdNumbers: readonly string[]): Promise<Cadre[]> {
    return this.cadres.findBy({ personalIdNumber: AnyOf(personalIdNumbers) });
  }

  /** cadre.findByPersonalIds: an import batch's existing records, in one statement. */
  findByPersonalIds(manager: EntityManager, personalIdNumbers: string[]): Promise<Cadre[]> {
    return manager
      .getRepository(Cadre)
      .createQueryBuilder('cadre')
      .where('cadre.personal_id_number = ANY(:ids)', { ids: personalIdNumbers })
      .getMany();
  }

  /** cadre.findPage: keyset pagination on the sort column and id. */
  findPage({ filter, order, first, after, scopeUnits }: CadrePageQuery, on: string): Promise<CadreWithUnit[]> {
    const column = SORT_COLUMNS[order.field];
    const direction = order.direction === OrderDirection.DESC ? 'DESC' : 'ASC';
    const query = this.filtered(filter, on, scopeUnits)
      .orderBy(column, direction)
      .addOrderBy('cadre.id', direction)
      .limit(first);
    if (after) {
      query.andWhere(`(${column}, cadre.id) ${direction === 'ASC' ? '>' : '<'} (:sortValue, :afterId)`, {
        sortValue: after[0],
        afterId: after[1],
      });
    }
    return this.withEffectiveUnits(query, on);
  }

  /** cadre.count: the filter's total, for `totalCount`. */
  count(filter: CadreFilter, on: string, scopeUnits: string[] | null): Promise<number> {
    return this.filtered(filter, on, scopeUnits).getCount();
  }

  /** cadre.findByEffectiveUnitIds: members of many units on a date, for OrgUnit.cadres. */
  async findByEffectiveUnitIds(unitIds: readonly string[], on: string): Promise<CadreWithUnit[]> {
    const query = this.cadres
      .createQueryBuilder('cadre')
      .where(`${EFFECTIVE_UNIT_SQL} = ANY(:unitIds)`, { unitIds: [...unitIds] })
      .orderBy('cadre.full_name')
      .addOrderBy('cadre.id');
    return this.withEffectiveUnits(query, on);
  }

  /** cadre.findEffectiveUnitIds: the unit of each cadre on a date, for Cadre.orgUnit. */
  async findEffectiveUnitIds(
    cadreIds: readonly string[],
    on: string,
    manager?: EntityManager,
  ): Promise<{ cadreId: string; unitId: string }[]> {
    return (manager?.getRepository(Cadre) ?? this.cadres)
      .createQueryBuilder('cadre')
      .select('cadre.id', 'cadreId')
      .addSelect(EFFECTIVE_UNIT_SQL, 'unitId')
      .where('cadre.id = ANY(:cadreIds)', { cadreIds: [...cadreIds] })
      .setParameter('on', on)
      .getRawMany();
  }

  /** cadre.lockById: serialises every career change of one cadre. */
  lockById(manager: EntityManager, id: string): Promise<Cadre | null> {
    return manager.getRepository(Cadre).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** cadre.lockByIds: many records locked for a change in one statement (an import batch), in no particular order. */
  lockByIds(manager: EntityManager, ids: string[]): Promise<Cadre[]> {
    if (!ids.length) return Promise.resolve([]);
    return manager
      .getRepository(Cadre)
      .createQueryBuilder('cadre')
      .where('cadre.id = ANY(:ids)', { ids })
      .orderBy('cadre.id')
      .setLock('pessimistic_write')
      .getMany();
  }

  /**
   * cadre.insertMany: new records in one statement, one array per column (one statement text
   * whatever the batch's size, so it is prepared once). A record whose number another cadre has is
   * skipped (ON CONFLICT DO NOTHING), not refused: the statement does not abort the transaction
   * and the caller names the rows it did not get back. Answers the records inserted as `save`
   * answers for one.
   */
  async insertMany(manager: EntityManager, records: NewCadreRecord[]): Promise<Cadre[]> {
    if (!records.length) return [];
    const inserted: { id: string; personal_id_number: string; created_at: Date; updated_at: Date }[] =
      await manager.query(
        `/* cadre.insertMany */ INSERT INTO cadre (${RECORD_COLUMNS.map(([column]) => column).join(', ')})
         SELECT * FROM unnest(${RECORD_COLUMNS.map(([, , type], i) => `CAST($${i + 1} AS ${type}[])`).join(', ')})
         ON CONFLICT (personal_id_number) DO NOTHING
         RETURNING id, personal_id_number, created_at, updated_at`,
        columnArrays(records),
      );
    const byNumber = new Map(records.map((r) => [r.personalIdNumber, r]));
    return inserted.map((row) => {
      const record = byNumber.get(row.personal_id_number) as NewCadreRecord;
      // As `save` leaves an entity: every column, null where nothing was given.
      const fields = Object.fromEntries(RECORD_COLUMNS.map(([, field]) => [field, record[field] ?? null]));
      return manager
        .getRepository(Cadre)
        .create({ ...fields, id: row.id, createdAt: row.created_at, updatedAt: row.updated_at });
    });
  }

  /**
   * cadre.updateMany: each record's fields set to the values given, in one statement, then read
   * back (one statement) as `update` answers for one.
   */
  async updateMany(manager: EntityManager, records: Cadre[]): Promise<Cadre[]> {
    if (!records.length) return [];
    const columns = RECORD_COLUMNS.filter(([column]) => column !== 'personal_id_number');
    await manager.query(
      `/* cadre.updateMany */ UPDATE cadre SET ${columns.map(([column]) => `${column} = v.${column}`).join(', ')}, updated_at = now()
       FROM unnest(CAST($1 AS uuid[]), ${columns.map(([, , type], i) => `CAST($${i + 2} AS ${type}[])`).join(', ')})
         AS v(id, ${columns.map(([column]) => column).join(', ')})
       WHERE cadre.id = v.id`,
      [records.map((r) => r.id), ...columnArrays(records, columns)],
    );
    return manager.getRepository(Cadre).findBy({ id: AnyOf(records.map((r) => r.id)) });
  }

  async insert(
    manager: EntityManager,
    cadre: Partial<Cadre>,
    degrees?: Partial<Degree>[],
    family?: Partial<FamilyMember>[],
  ): Promise<Cadre> {
    const saved = await manager.getRepository(Cadre).save(manager.getRepository(Cadre).create(cadre));
    await this.replaceDetails(manager, saved.id, degrees, family);
    return saved;
  }

  /**
   * cadre.lockForChange: the record locked as `lockById` locks it, with the transaction's timestamp,
   * so that `recordAfter` knows the record an update leaves without reading it back.
   */
  lockForChange(manager: EntityManager, id: string): Promise<LockedRecord<Cadre> | null> {
    return lockRecord(manager, Cadre, id);
  }

  /** cadre.update: the changed fields and updated_at, as a write to send with the history row (undefined: none). */
  updateWrite(manager: EntityManager, id: string, changes: Partial<Cadre>): Write | undefined {
    return updateByIdWrite(manager, Cadre, id, changes);
  }

  /** The record as `updateWrite`'s statement leaves it. */
  recordAfter(manager: EntityManager, locked: LockedRecord<Cadre>, changes: Partial<Cadre>): Cadre {
    return recordAfterUpdate(manager, Cadre, locked, changes);
  }

  /** degree and family-member: the lists given replace the cadre's (a list not given stays). */
  async replaceDetails(
    manager: EntityManager,
    cadreId: string,
    degrees?: Partial<Degree>[],
    family?: Partial<FamilyMember>[],
  ) {
    if (degrees) {
      await manager.getRepository(Degree).delete({ cadreId });
      if (degrees.length) await manager.getRepository(Degree).insert(degrees.map((d) => ({ ...d, cadreId })));
    }
    if (family) {
      await manager.getRepository(FamilyMember).delete({ cadreId });
      if (family.length) await manager.getRepository(FamilyMember).insert(family.map((f) => ({ ...f, cadreId })));
    }
  }

  private filtered(filter: CadreFilter, on: string, scopeUnits: string[] | null): SelectQueryBuilder<Cadre> {
    const query = this.cadres.createQueryBuilder('cadre').where('true').setParameter('on', on);
    // Row-level authorisation: only cadres whose unit lies in the caller's subtrees.
    if (scopeUnits) query.andWhere(`${EFFECTIVE_UNIT_SQL} = ANY(CAST(:scopeUnits AS uuid[]))`, { scopeUnits });
    if (filter.orgUnitSubtree) {
      query.andWhere(
        `${EFFECTIVE_UNIT_SQL} IN (SELECT u.id FROM org_unit u WHERE u.path @> ARRAY[CAST(:subtree AS uuid)])`,
        {
          subtree: filter.orgUnitSubtree,
        },
      );
    }
    if (filter.category) query.andWhere('cadre.category = :category', { category: filter.category });
    if (filter.sex) query.andWhere('cadre.sex = :sex', { sex: filter.sex });
    if (filter.ethnicity)
      query.andWhere('cadre.ethnicity = :ethnicity', { ethnicity: filter.ethnicity.normalize('NFC') });
    if (filter.ethnicMinority !== undefined && filter.ethnicMinority !== null) {
      query.andWhere(filter.ethnicMinority ? "cadre.ethnicity <> 'Kinh'" : "cadre.ethnicity = 'Kinh'");
    }
    // Age on :on from min/max: born on or before (on - minAge years), after (on - (maxAge + 1) years).
    if (filter.minAge != null)
      query.andWhere(`cadre.date_of_birth <= CAST(:on AS date) - make_interval(years => :minAge)`, {
        minAge: filter.minAge,
      });
    if (filter.maxAge != null) {
      query.andWhere(`cadre.date_of_birth > CAST(:on AS date) - make_interval(years => :maxAgeLimit)`, {
        maxAgeLimit: filter.maxAge + 1,
      });
    }
    if (filter.partyMember !== undefined && filter.partyMember !== null) {
      query.andWhere(`(cadre.party_admission_date IS NOT NULL) = :partyMember`, { partyMember: filter.partyMember });
    }
    if (filter.titleId) {
      query.andWhere(
        `EXISTS (SELECT 1 FROM assignment a WHERE a.cadre_id = cadre.id AND a.title_id = :titleId AND NOT a.cancelled
                  AND a.starts_on <= :on AND (a.ends_on IS NULL OR a.ends_on > :on))`,
        { titleId: filter.titleId },
      );
    }
    if (filter.search) {
      // search_text is personnel.search_key(names), indexed by trigrams: LIKE '%…%' uses the index.
      query.andWhere(`cadre.search_text LIKE personnel.search_key(:search)`, {
        search: likeFragment(filter.search.normalize('NFC').trim()),
      });
    }
    return query;
  }
}
