import { InitialPlanning1764200000000 } from './1764200000000-initial-planning';

/** Every migration, oldest first. */
export const migrations = [InitialPlanning1764200000000];
