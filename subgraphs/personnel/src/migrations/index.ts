import { InitialPersonnel1764200000000 } from './1764200000000-initial-personnel';
import { CadreRecordAndCareer1764300000000 } from './1764300000000-cadre-record-and-career';
import { Audit1764400000000 } from './1764400000000-audit';
import { ReferenceChangeNotices1764500000000 } from './1764500000000-reference-change-notices';
import { DecisionAudience1764610000000 } from './1764610000000-decision-audience';
import { TitleUnitLevel1764710000000 } from './1764710000000-title-unit-level';
import { RetirementEndsPosts1764720000000 } from './1764720000000-retirement-ends-posts';
import { ImportBatch1764800000000 } from './1764800000000-import-batch';

/** Every migration, oldest first. Listed explicitly so the bundle needs no glob at run time. */
export const migrations = [
  InitialPersonnel1764200000000,
  CadreRecordAndCareer1764300000000,
  Audit1764400000000,
  ReferenceChangeNotices1764500000000,
  DecisionAudience1764610000000,
  TitleUnitLevel1764710000000,
  RetirementEndsPosts1764720000000,
  ImportBatch1764800000000,
];
