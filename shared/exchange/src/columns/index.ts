import { CADRE_COLUMNS } from './cadres';
import { CAREER_EVENT_COLUMNS } from './career-events';
import { CLASS_ROSTER_COLUMNS } from './class-rosters';
import type { ImportKindName, KindDefinition } from './column';
import { PLANNING_LIST_COLUMNS } from './planning-lists';

export * from './column';
export * from './cadres';
export * from './career-events';
export * from './class-rosters';
export * from './planning-lists';

/** Every kind of exchange spreadsheet, by the name the CLI and the upload endpoint take. */
export const KINDS: Readonly<Record<ImportKindName, KindDefinition>> = {
  cadres: CADRE_COLUMNS,
  'career-events': CAREER_EVENT_COLUMNS,
  'class-rosters': CLASS_ROSTER_COLUMNS,
  'planning-lists': PLANNING_LIST_COLUMNS,
};

export function isKindName(name: string): name is ImportKindName {
  return Object.prototype.hasOwnProperty.call(KINDS, name);
}
