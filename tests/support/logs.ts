import { demoKeys } from '@cadres/core';
import type { E2EPlatform } from './platform';
import { DOSSIER } from './queries';
import { waitFor } from './wait';

const SERVICES = ['gateway', 'personnel', 'training', 'planning'] as const;

/** Whether every service has logged a line with this request id. */
export function loggedByEveryService(platform: E2EPlatform, requestId: string): boolean {
  return SERVICES.every((service) =>
    platform.logs.some((line) => line.includes(requestId) && line.includes(`"service":"${service}"`)),
  );
}

let markers = 0;

/**
 * Waits until every line the services logged before now has reached `platform.logs`: each process
 * writes its lines in order through its own pipe, so once a marker dossier's line arrives from every
 * service, everything each logged before it has arrived too. A condition, not a guess of how long.
 */
export async function logsCaughtUp(platform: E2EPlatform): Promise<void> {
  const marker = `log-marker-${process.pid}-${++markers}`;
  await platform.query(DOSSIER, { id: demoKeys.cadreId(1) }, undefined, { 'x-request-id': marker });
  await waitFor(`every service's log line of ${marker}`, () => loggedByEveryService(platform, marker));
}
