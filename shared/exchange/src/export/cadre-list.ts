import { Scope } from '@cadres/core';
import { label, vnDate } from './labels';
import { booleanParameter, defined, ExportParameterError, intParameter, stringParameter, type ExportSource, type ScopeCheck, type Variables } from './source';
import type { ExportColumn } from './table';

/** The export reads pages of the largest size `cadres` serves. */
export const CADRE_PAGE_SIZE = 200;

interface CadreRow {
  personalIdNumber?: string | null;
  fullName: string;
  otherNames: string | null;
  sex: string;
  dateOfBirth: string;
  placeOfBirth: string | null;
  hometown: string | null;
  ethnicity: string;
  religion?: string | null;
  category: string;
  orgUnit: { code: string; name: string };
  grade: string | null;
  gradeSince: string | null;
  generalEducation: string | null;
  partyAdmissionDate?: string | null;
  partyOfficialDate?: string | null;
  phone: string | null;
  email: string | null;
}

interface CadreColumn extends ExportColumn<CadreRow> {
  /** The fields of `Cadre` the column reads. */
  selection: string;
  /** A sensitive column: exported only to a caller holding this scope (a VIEWER never does). */
  scope?: string;
}

/**
 * The cadre record's columns, in the order and with the headers of the import template (the
 * personal ID number first: it is the import's key). Sensitive columns are left out of the file
 * *and of the query* for a caller without their scope, so a VIEWER's export has no such column and
 * a partner's export reads (and the subgraphs audit) only what the partner was granted.
 */
const COLUMNS: CadreColumn[] = [
  { header: 'Số định danh cá nhân', selection: 'personalIdNumber', scope: Scope.PERSONAL_ID, value: (c) => c.personalIdNumber, width: 16 },
  { header: 'Họ và tên', selection: 'fullName', value: (c) => c.fullName, width: 26 },
  { header: 'Tên gọi khác', selection: 'otherNames', value: (c) => c.otherNames },
  { header: 'Giới tính', selection: 'sex', value: (c) => label(c.sex), width: 10 },
  { header: 'Ngày sinh', selection: 'dateOfBirth', value: (c) => vnDate(c.dateOfBirth) },
  { header: 'Nơi sinh', selection: 'placeOfBirth', value: (c) => c.placeOfBirth, width: 24 },
  { header: 'Quê quán', selection: 'hometown', value: (c) => c.hometown, width: 24 },
  { header: 'Dân tộc', selection: 'ethnicity', value: (c) => c.ethnicity },
  { header: 'Tôn giáo', selection: 'religion', scope: Scope.PERSONAL_ID, value: (c) => c.religion },
  { header: 'Đối tượng', selection: 'category', value: (c) => label(c.category) },
  { header: 'Mã đơn vị', selection: 'orgUnit { id code name }', value: (c) => c.orgUnit.code },
  { header: 'Đơn vị công tác', selection: 'orgUnit { id code name }', value: (c) => c.orgUnit.name, width: 36 },
  { header: 'Ngạch', selection: 'grade', value: (c) => label(c.grade), width: 20 },
  { header: 'Ngày bổ nhiệm ngạch', selection: 'gradeSince', value: (c) => vnDate(c.gradeSince) },
  { header: 'Giáo dục phổ thông', selection: 'generalEducation', value: (c) => c.generalEducation },
  { header: 'Ngày vào Đảng', selection: 'partyAdmissionDate', scope: Scope.PARTY, value: (c) => vnDate(c.partyAdmissionDate) },
  { header: 'Ngày chính thức', selection: 'partyOfficialDate', scope: Scope.PARTY, value: (c) => vnDate(c.partyOfficialDate) },
  { header: 'Điện thoại', selection: 'phone', value: (c) => c.phone },
  { header: 'Email', selection: 'email', value: (c) => c.email, width: 28 },
];

const SEX = ['MALE', 'FEMALE'];
const CATEGORY = ['ELECTED_CADRE', 'CIVIL_SERVANT', 'PUBLIC_EMPLOYEE', 'PART_TIME'];
const ORDER_FIELD = ['FULL_NAME', 'DATE_OF_BIRTH'];

function oneOf(params: Record<string, string | undefined>, name: string, allowed: string[]): string | undefined {
  const value = stringParameter(params, name);
  if (value !== undefined && !allowed.includes(value)) throw new ExportParameterError(name, `"${name}" must be one of ${allowed.join(', ')}.`);
  return value;
}

/** The `cadres` filter from an export URL's query string: the same names as the GraphQL filter. */
export function cadreFilterFrom(params: Record<string, string | undefined>): { filter: Variables; orderBy?: Variables } {
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
  return COLUMNS.filter((c) => !c.scope || canRead(c.scope));
}

interface CadresPage {
  cadres: { edges: { node: CadreRow }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** Every cadre matching the filter, within the caller's units, a page of 200 at a time. */
export function cadreListSource(params: Record<string, string | undefined>, canRead: ScopeCheck): ExportSource<CadreRow> {
  const { filter, orderBy } = cadreFilterFrom(params);
  const columns = cadreListColumns(canRead);
  const selection = [...new Set(['id', ...columns.map((c) => c.selection)])].join(' ');
  return {
    fileName: 'danh-sach-can-bo',
    sheetName: 'Cán bộ',
    query: `query ExportCadres($filter: CadreFilter, $orderBy: CadreOrder, $first: Int!, $after: String) {
      cadres(filter: $filter, orderBy: $orderBy, first: $first, after: $after) { edges { node { ${selection} } } pageInfo { hasNextPage endCursor } }
    }`,
    variables: defined({ filter, orderBy, first: CADRE_PAGE_SIZE }),
    columns,
    rows: (data) => (data as CadresPage).cadres.edges.map((e) => e.node),
    nextPage: (data, variables) => {
      const { pageInfo } = (data as CadresPage).cadres;
      return pageInfo.hasNextPage && pageInfo.endCursor ? { ...variables, after: pageInfo.endCursor } : null;
    },
  };
}
