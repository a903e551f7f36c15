import { InitialPlanning1764200000000 } from './1764200000000-initial-planning';
import { PlannedTitlesRoundsRuleSets1764300000000 } from './1764300000000-planned-titles-rounds-rule-sets';
import { Audit1764400000000 } from './1764400000000-audit';
import { ReferenceChangeNotices1764500000000 } from './1764500000000-reference-change-notices';
import { CandidateUnit1764610000000 } from './1764610000000-candidate-unit';
import { ApprovalDated1764700000000 } from './1764700000000-approval-dated';
import { RealisedByAppointment1764710000000 } from './1764710000000-realised-by-appointment';
import { StatisticsTallies1764800000000 } from './1764800000000-statistics-tallies';

/** Every migration, oldest first. */
export const migrations = [
  InitialPlanning1764200000000,
  PlannedTitlesRoundsRuleSets1764300000000,
  Audit1764400000000,
  ReferenceChangeNotices1764500000000,
  CandidateUnit1764610000000,
  ApprovalDated1764700000000,
  RealisedByAppointment1764710000000,
  StatisticsTallies1764800000000,
];
