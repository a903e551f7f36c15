import { InitialTraining1764200000000 } from './1764200000000-initial-training';

/** Every migration, oldest first. */
export const migrations = [InitialTraining1764200000000];
