import { CADRE_COLUMNS } from '../columns/cadres';
import type { ColumnDefinition } from '../columns/column';
import { columnReadable } from './kind-columns';
import { vnDate } from './labels';
import {
  booleanParameter,
  defined,
  ExportParameterError,
  intParameter,
  stringParameter,
  type ExportSource,
  type ScopeCheck,
  type Variables,
} from './source';
import type { ExportColumn } from './table';

/** The export reads pages of the largest size `cadres` serves. */
export const CADRE_PAGE_SIZE = 200;

type CadreRow = Record<string, unknown> & { rowNumber: number; orgUnit: { code: string } };

interface CadreColumn extends ExportColumn<CadreRow> {
  /** The fields of `Cadre` the column reads (none for the row number). */
  selection: string;
  /** The template's column: a sensitive one is exported only to a caller holding its scopes (a VIEWER never does). */
  definition: ColumnDefinition;
}

/** How a template column is read from the API's cadre and written as the import reads it back. */
function exportColumn(column: ColumnDefinition): CadreColumn {
  const base = { header: column.header, width: column.width, definition: column };
  if (column.key === 'rowNumber') return { ...base, selection: '', value: (c) => c.rowNumber };
  if (column.key === 'orgUnitCode') return { ...base, selection: 'orgUnit { id code }', value: (c) => c.orgUnit.code };
  const raw = (c: CadreRow) => c[column.key] as string | number | null | undefined;
  switch (column.type) {
    case 'date':
      return { ...base, selection: column.key, value: (c) => vnDate(raw(c) as string | null) };
    case 'enum':
      return {
        ...base,
        selection: column.key,
        value: (c) =>
          raw(c) === null || raw(c) === undefined ? '' : (column.values?.[String(raw(c))] ?? String(raw(c))),
      };
    default:
      return { ...base, selection: column.key, value: (c) => raw(c) ?? '' };
  }
}

/**
 * The cadre record's columns: the import template's (CADRE_COLUMNS, owned by the import), in its
 * order and with its headers and labels, so that an exported list imports back unchanged.
 * Sensitive columns are left out of the file *and of the query* for a caller without their scope,
 * so a VIEWER's export has no such column and a partner's export reads (and the subgraphs audit)
 * only what the partner was granted.
 */
const COLUMNS: CadreColumn[] = CADRE_COLUMNS.columns.map(exportColumn);

const SEX = ['MALE', 'FEMALE'];
const CATEGORY = ['ELECTED_CADRE', 'CIVIL_SERVANT', 'PUBLIC_EMPLOYEE', 'PART_TIME'];
/** PERSONAL_ID_NUMBER (needs pii:read): the one order two databases with the same people share, so exports compare line by line. */
const ORDER_FIELD = ['FULL_NAME', 'DATE_OF_BIRTH', 'PERSONAL_ID_NUMBER'];

function oneOf(params: Record<string, string | undefined>, name: string, allowed: string[]): string | undefined {
  const value = stringParameter(params, name);
  if (value !== undefined && !allowed.includes(value))
    throw new ExportParameterError(name, `"${name}" must be one of ${allowed.join(', ')}.`);
  return value;
}

/** The `cadres` filter from an export URL's query string: the same names as the GraphQL filter. */
export function cadreFilterFrom(params: Record<string, string | undefined>): {
  filter: Variables;
  orderBy?: Variables;
} {
  const filter = defined({
    orgUnitSubtree: stringParameter(params, 'orgUnitSubtree'),
    category: oneOf(params, 'category', CATEGORY),
    titleId: stringParameter(params, 'titleId'),
    sex: oneOf(params, 'sex', SEX),
    ethnicity: stringParameter(params, 'ethnicity'),
    ethnicMinority: booleanParameter(params, 'ethnicMinority'),
    minAge: intParameter(params, 'minAge'),
    maxAge: intParameter(params, 'maxAge'),
    partyMember: booleanParameter(params, 'partyMember'),
    search: stringParameter(params, 'search'),
  });
  const field = oneOf(params, 'orderBy', ORDER_FIELD);
  const direction = oneOf(params, 'direction', ['ASC', 'DESC']);
  return { filter, orderBy: field ? { field, direction: direction ?? 'ASC' } : undefined };
}

export function cadreListColumns(canRead: ScopeCheck): CadreColumn[] {
  return COLUMNS.filter((c) => columnReadable(c.definition, canRead));
}

interface CadresPage {
  cadres: {
    edges: { node: Record<string, unknown> }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/**
 * Every cadre matching the export URL's `cadres` filter, within the caller's units, a page of 200 at
 * a time, with `selection` asked of each; `rowsOf` turns a page's cadres into the file's rows (one
 * a cadre for the list, one an event or an enrollment for a cadre's history).
 */
export function cadrePagesSource<Row>(
  params: Record<string, string | undefined>,
  file: { fileName: string; sheetName: string; columns: readonly ExportColumn<Row>[] },
  selection: string,
  rowsOf: (cadres: Record<string, unknown>[]) => Row[],
): ExportSource<Row> {
  const { filter, orderBy } = cadreFilterFrom(params);
  return {
    ...file,
    query: `query ExportCadres($filter: CadreFilter, $orderBy: CadreOrder, $first: Int!, $after: String) {
      cadres(filter: $filter, orderBy: $orderBy, first: $first, after: $after) { edges { node { ${selection} } } pageInfo { hasNextPage endCursor } }
    }`,
    variables: defined({ filter, orderBy, first: CADRE_PAGE_SIZE }),
    rows: (data) => rowsOf((data as CadresPage).cadres.edges.map((e) => e.node)),
    nextPage: (data, variables) => {
      const { pageInfo } = (data as CadresPage).cadres;
      return pageInfo.hasNextPage && pageInfo.endCursor ? { ...variables, after: pageInfo.endCursor } : null;
    },
  };
}

/** Every cadre matching the filter, within the caller's units, a page of 200 at a time. */
export function cadreListSource(
  params: Record<string, string | undefined>,
  canRead: ScopeCheck,
): ExportSource<CadreRow> {
  const columns = cadreListColumns(canRead);
  const selection = [...new Set(['id', ...columns.map((c) => c.selection).filter(Boolean)])].join(' ');
  let rowNumber = 0;
  return cadrePagesSource(params, { fileName: 'danh-sach-can-bo', sheetName: 'Cán bộ', columns }, selection, (cadres) =>
    cadres.map((cadre) => ({ ...cadre, rowNumber: ++rowNumber }) as CadreRow),
  );
}
