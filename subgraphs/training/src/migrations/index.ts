import { InitialTraining1764200000000 } from './1764200000000-initial-training';
import { PlansEnrollmentsQualifications1764300000000 } from './1764300000000-plans-enrollments-qualifications';
import { Audit1764400000000 } from './1764400000000-audit';
import { ReferenceChangeNotices1764500000000 } from './1764500000000-reference-change-notices';
import { NomineeUnit1764610000000 } from './1764610000000-nominee-unit';
import { ReadAudit1764620000000 } from './1764620000000-read-audit';
import { QuotaAlwaysCounted1764700000000 } from './1764700000000-quota-always-counted';
import { StatisticsTallies1764800000000 } from './1764800000000-statistics-tallies';
import { ClassSizeTally1764810000000 } from './1764810000000-class-size-tally';
import { CompletionTally1764820000000 } from './1764820000000-completion-tally';
import { CompletionTallyClassLocks1765100000000 } from './1765100000000-completion-tally-class-locks';

/** Every migration, oldest first. */
export const migrations = [
  InitialTraining1764200000000,
  PlansEnrollmentsQualifications1764300000000,
  Audit1764400000000,
  ReferenceChangeNotices1764500000000,
  NomineeUnit1764610000000,
  ReadAudit1764620000000,
  QuotaAlwaysCounted1764700000000,
  StatisticsTallies1764800000000,
  ClassSizeTally1764810000000,
  CompletionTally1764820000000,
  CompletionTallyClassLocks1765100000000,
];
