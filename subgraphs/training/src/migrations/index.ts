import { InitialTraining1764200000000 } from './1764200000000-initial-training';
import { PlansEnrollmentsQualifications1764300000000 } from './1764300000000-plans-enrollments-qualifications';

/** Every migration, oldest first. */
export const migrations = [InitialTraining1764200000000, PlansEnrollmentsQualifications1764300000000];
