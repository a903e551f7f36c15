import type { I18n } from '../app/i18n';
import { graphql } from '../gql';
import type { UnitChoicesFragment } from '../gql/graphql';

/**
 * The units a page can be filtered by: the caller's visible roots and their children, fetched in
 * the page's own request (one round trip). The figures are of the chosen unit's whole subtree.
 */
export const UNIT_CHOICES = graphql(`
  fragment UnitChoices on OrgUnit {
    id
    name
    children {
      id
      name
    }
  }
`);

/** The picker's options: the whole scope first (no filter), then each root and its children. */
export function unitOptions(t: I18n['t'], roots: readonly UnitChoicesFragment[] | null | undefined) {
  return [
    { value: '', label: t('allUnits') },
    ...(roots ?? []).flatMap((root) => [
      { value: root.id, label: root.name },
      ...root.children.map((child) => ({ value: child.id, label: `— ${child.name}` })),
    ]),
  ];
}
