import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { CadreListKind } from './cadre-lists.repository';

/** The lists each field of Cadre reads. */
const LISTS_OF_FIELD: Readonly<Record<string, readonly CadreListKind[]>> = {
  careerHistory: ['assignments', 'mobility'],
  currentAssignments: ['assignments'],
  evaluations: ['evaluations'],
  disciplines: ['disciplines'],
  degrees: ['degrees'],
  highestDegree: ['degrees'],
  familyMembers: ['family'],
};

/**
 * The lists an operation will ask of the Cadre(s) this field resolves (`cadre(id)`, or `_entities`
 * for references), read from its selection: the cadre's fields and fragments on Cadre. A field
 * under @skip or a scope the caller lacks still counts: its list is read for nothing, which costs
 * less than a statement of its own; the resolvers decide what is shown, as before.
 */
export function listKindsAsked(info: GraphQLResolveInfo): Set<CadreListKind> {
  const kinds = new Set<CadreListKind>();
  const visit = (selectionSet: SelectionSetNode | undefined): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        for (const kind of LISTS_OF_FIELD[selection.name.value] ?? []) kinds.add(kind);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!selection.typeCondition || selection.typeCondition.name.value === 'Cadre') visit(selection.selectionSet);
      } else {
        const fragment = info.fragments[selection.name.value];
        if (fragment?.typeCondition.name.value === 'Cadre') visit(fragment.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return kinds;
}
