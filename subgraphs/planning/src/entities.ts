import { PlanningEntry } from './modules/planning-entry/planning-entry.entity';
import { PlannedTitle } from './modules/planned-title/planned-title.entity';
import { PlanningRound, RoundFlag } from './modules/round/round.entity';
import { RuleSet } from './modules/rule-set/rule-set.entity';
import { DevelopmentNeed } from './modules/standards/development-need.entity';
import { Term } from './modules/term/term.entity';

/** The PostgreSQL schema planning owns. */
export const PLANNING_SCHEMA = 'planning';

/** Every table planning maps (its subgraph's data source; its test factory's, for other subgraphs' tests). */
export const planningEntities = [Term, RuleSet, PlannedTitle, PlanningEntry, PlanningRound, RoundFlag, DevelopmentNeed];
