import { generatedKeys } from '@cadres/core';
import { plannedClasses, TrainingChunk } from './generated-data';

describe('generated training data: nominations to planned classes count against quotas (issue 15, item 2)', () => {
  const dataset = { cadres: 30_000, seed: 1 };
  const plans = plannedClasses();
  const chunk = new TrainingChunk(dataset);
  const [numbers] = generatedKeys.chunks(dataset, 5_000);
  numbers?.forEach((n) => chunk.add(n));
  const quotas = chunk.countAgainstQuotas(plans);
  const covered = chunk.enrollments.filter((e) => {
    const c = chunk.classes.get(e.classId!)!;
    return plans.has(`${c.startDate!.slice(0, 4)}:${c.programmeId}:${c.mode}`);
  });

  it('gives every nomination to a class the demo’s plans cover its team’s quota of that plan', () => {
    expect(covered.length).toBeGreaterThan(0);
    const byId = new Map(quotas.map((q) => [q.id!, q]));
    for (const enrollment of covered) {
      const quota = byId.get(enrollment.quotaId!)!;
      const trainingClass = chunk.classes.get(enrollment.classId!)!;
      expect(quota).toMatchObject({
        orgUnitId: enrollment.orgUnitId,
        programmeId: trainingClass.programmeId,
        mode: trainingClass.mode,
        planId: plans.get(`${trainingClass.startDate!.slice(0, 4)}:${trainingClass.programmeId}:${trainingClass.mode}`),
      });
    }
    expect(chunk.enrollments.filter((e) => !covered.includes(e)).every((e) => e.quotaId === null)).toBe(true);
  });

  it('keeps each quota’s nominees within quota × 1.2, one quota per plan, programme, mode and team', () => {
    for (const quota of quotas)
      expect(covered.filter((e) => e.quotaId === quota.id).length).toBeLessThanOrEqual(Math.floor(quota.quota! * 1.2));
    expect(new Set(quotas.map((q) => `${q.planId}:${q.programmeId}:${q.mode}:${q.orgUnitId}`)).size).toBe(
      quotas.length,
    );
  });
});
