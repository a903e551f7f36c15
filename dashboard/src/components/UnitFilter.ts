import type { I18n } from '../app/i18n';

/**
 * The units a page can be filtered by: the caller's visible roots and their children, which each
 * page asks for in its own request (one round trip) as `orgUnits { id name children { id name } }`.
 * Written out in each query rather than as a fragment: a persisted query runs the registered text,
 * which carries no __typename, and Apollo's cache cannot match a fragment's type without it. The
 * figures are of the chosen unit's whole subtree.
 */
interface UnitChoice {
  id: string;
  name: string;
  children: { id: string; name: string }[];
}

/** The picker's options: the whole scope first (no filter), then each root and its children. */
export function unitOptions(t: I18n['t'], roots: readonly UnitChoice[] | null | undefined) {
  return [
    { value: '', label: t('allUnits') },
    ...(roots ?? []).flatMap((root) => [
      { value: root.id, label: root.name },
      ...root.children.map((child) => ({ value: child.id, label: `— ${child.name}` })),
    ]),
  ];
}
