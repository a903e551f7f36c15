import { deterministicUuid } from './ids';

/**
 * Natural keys of the demo province, shared by every subgraph's seed so that training and planning
 * refer to the cadres and titles personnel creates, without reading personnel's tables.
 */
export const demoKeys = {
  cadreCount: 3000,
  cadreId: (n: number) => deterministicUuid(`demo:cadre:${n}`),
  titleId: (code: string) => deterministicUuid(`demo:title:${code}`),
  orgUnitId: (code: string) => deterministicUuid(`demo:org-unit:${code}`),
};
