import { demoKeys, yearsBetween } from '@cadres/core';
import { AppointmentKind } from '../modules/appointment/appointment.entity';
import { MobilityKind } from '../modules/mobility/mobility.entity';
import { personnelRules } from '../modules/rules/personnel-rules';
import { retirementDate } from '../modules/rules/retirement';
import { DEMO_ROTATIONS, DemoProvince } from './demo-data';

describe('the demo province', () => {
  const demo = new DemoProvince();

  it('is the same on every run', () => {
    const again = new DemoProvince();
    expect(again.cadres).toEqual(demo.cadres);
    expect(again.assignments).toEqual(demo.assignments);
  });

  it('has a few thousand cadres with unique, well-formed personal ID numbers and NFC names', () => {
    expect(demo.cadres).toHaveLength(demoKeys.cadreCount);
    expect(new Set(demo.cadres.map((c) => c.personalIdNumber)).size).toBe(demo.cadres.length);
    for (const cadre of demo.cadres) {
      expect(cadre.personalIdNumber).toMatch(/^011[0-3]\d{8}$/);
      expect(cadre.personalIdNumber!.slice(4, 6)).toBe(cadre.dateOfBirth!.slice(2, 4));
      expect(cadre.fullName).toBe(cadre.fullName!.normalize('NFC'));
    }
    expect(new Set(demo.cadres.map((c) => c.ethnicity))).toEqual(
      new Set(['Thái', 'Mông', 'Kinh', 'Khơ Mú', 'Dao', 'Hà Nhì']),
    );
  });

  it('starts with the README example', () => {
    expect(demo.cadres[0]).toMatchObject({ id: demoKeys.cadreId(1), fullName: 'Lò Văn Minh' });
  });

  it('has the article’s 25 rotations', () => {
    expect(demo.mobility.filter((m) => m.kind === MobilityKind.ROTATION)).toHaveLength(DEMO_ROTATIONS);
  });

  it('places every title only in units of its level (issue 15, item 7)', () => {
    const unitLevel = new Map(demo.units.map((u) => [u.id, u.level]));
    const titleLevel = new Map(demo.titles.map((t) => [t.id, t.level]));
    const misplaced = demo.assignments.filter((a) => unitLevel.get(a.orgUnitId) !== titleLevel.get(a.titleId));
    expect(misplaced).toEqual([]);
  });

  it('ends every post by its holder’s retirement date (issue 15, item 5)', () => {
    const schedule = personnelRules.retirementSchedule.defaultValue;
    const cadres = new Map(demo.cadres.map((c) => [c.id, c]));
    const late = demo.assignments.filter((a) => {
      const cadre = cadres.get(a.cadreId)!;
      const retires = retirementDate(schedule, cadre.sex!, cadre.dateOfBirth!);
      return a.endsOn === null || a.endsOn! > retires || a.startsOn! >= retires;
    });
    expect(late).toEqual([]);
  });

  it('never has two holders of a single-holder title in a unit at once', () => {
    const held = new Map<string, { startsOn: string; endsOn: string | null }[]>();
    for (const a of demo.assignments.filter((a) => a.singleHolder)) {
      const key = `${a.titleId}:${a.orgUnitId}`;
      for (const other of held.get(key) ?? []) {
        const overlaps = a.startsOn! < (other.endsOn ?? '9999') && other.startsOn < (a.endsOn ?? '9999');
        expect(overlaps).toBe(false);
      }
      held.set(key, [...(held.get(key) ?? []), { startsOn: a.startsOn!, endsOn: a.endsOn ?? null }]);
    }
  });

  it('appoints only cadres with five years of service left (rule 8)', () => {
    const byId = new Map(demo.cadres.map((c) => [c.id, c]));
    const schedule = personnelRules.retirementSchedule.defaultValue;
    for (const appointment of demo.appointments.filter((a) => a.kind === AppointmentKind.FIRST)) {
      const cadre = byId.get(appointment.cadreId)!;
      expect(
        yearsBetween(appointment.effectiveOn!, retirementDate(schedule, cadre.sex!, cadre.dateOfBirth!)),
      ).toBeGreaterThanOrEqual(5);
    }
  });

  it('ends district posts when the districts were abolished', () => {
    const districts = new Set(demo.units.filter((u) => u.validTo).map((u) => u.id));
    for (const a of demo.assignments.filter((a) => districts.has(a.orgUnitId)))
      expect(a.endsOn! <= '2025-07-01').toBe(true);
  });
});
