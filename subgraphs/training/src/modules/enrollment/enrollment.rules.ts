import { EnrollmentStatus } from './enrollment.entity';

/** Where each status may go next; COMPLETED, NOT_COMPLETED and WITHDRAWN are final. */
export const TRANSITIONS: Record<EnrollmentStatus, EnrollmentStatus[]> = {
  [EnrollmentStatus.NOMINATED]: [EnrollmentStatus.ADMITTED, EnrollmentStatus.DEFERRED, EnrollmentStatus.WITHDRAWN],
  [EnrollmentStatus.ADMITTED]: [EnrollmentStatus.STUDYING, EnrollmentStatus.DEFERRED, EnrollmentStatus.WITHDRAWN],
  [EnrollmentStatus.STUDYING]: [
    EnrollmentStatus.COMPLETED,
    EnrollmentStatus.NOT_COMPLETED,
    EnrollmentStatus.DEFERRED,
    EnrollmentStatus.WITHDRAWN,
  ],
  [EnrollmentStatus.DEFERRED]: [EnrollmentStatus.NOMINATED, EnrollmentStatus.WITHDRAWN],
  [EnrollmentStatus.COMPLETED]: [],
  [EnrollmentStatus.NOT_COMPLETED]: [],
  [EnrollmentStatus.WITHDRAWN]: [],
};

/**
 * The statuses an enrollment passes through from `from` to `to` (a roster's status reached one
 * lawful step at a time), or null when `to` cannot be reached.
 */
export function statusPath(from: EnrollmentStatus, to: EnrollmentStatus): EnrollmentStatus[] | null {
  const previous = new Map<EnrollmentStatus, EnrollmentStatus>();
  const queue = [from];
  while (queue.length) {
    const status = queue.shift() as EnrollmentStatus;
    if (status === to) {
      const path: EnrollmentStatus[] = [];
      for (let at = to; at !== from; at = previous.get(at) as EnrollmentStatus) path.unshift(at);
      return path;
    }
    for (const next of TRANSITIONS[status])
      if (next !== from && !previous.has(next)) {
        previous.set(next, status);
        queue.push(next);
      }
  }
  return null;
}
