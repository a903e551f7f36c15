import { addDays, deterministicUuid, generatedKeys, must, today, type GeneratedDataset } from '@cadres/core';
import type { GeneratorContext } from '@cadres/subgraph-kit';
import { Enrollment, EnrollmentStatus } from '../modules/enrollment/enrollment.entity';
import { Qualification } from '../modules/qualification/qualification.entity';
import { QualificationSource } from '../modules/qualification/qualification.enums';
import { TrainingClass, TrainingMode } from '../modules/training-class/training-class.entity';
import { Quota } from '../modules/plan/plan.entity';
import { DemoTraining, PROGRAMMES, RESULTS } from './demo-data';

/** Cadres per chunk: a whole number of cohorts, so a cohort's classes load with its enrollments. */
const CHUNK = 5000;
/** Cadres of neighbouring numbers study together: 50 a class, well under its 60 seats. */
const COHORT = 50;
/**
 * A career's courses, one class per cohort and slot: a state-management course, a refresher, and
 * for half the cohort's cadres a political-theory or leadership course.
 */
const SLOTS: { programmes: string[]; provider: string; everyone: boolean }[] = [
  { programmes: ['QLNN-CV', 'CHUC-DANH-XA'], provider: 'SNV-DB', everyone: true },
  { programmes: ['VAN-HOA-CONG-VU', 'CAI-CACH-HC', 'QLNN-CVC'], provider: 'SNV-DB', everyone: true },
  { programmes: ['LLCT-TRUNG-CAP', 'LANH-DAO-PHONG'], provider: 'TCT-DB', everyone: false },
];
const demoId = (kind: string, code: string) => deterministicUuid(`demo:${kind}:${code}`);
const id = (kind: string, key: string) => deterministicUuid(`generated:${kind}:${key}`);
const programmes = new Map(
  PROGRAMMES.map(([code, name, , grants, months]) => [code, { name, grants, months: months ?? 1 }]),
);

/**
 * Loads a generated dataset into training: each cohort of 50 generated cadres takes two or three
 * classes together over the years; finished classes have results and grant their qualifications.
 */
export async function generateTraining({ dataset, insert, cadresDone }: GeneratorContext): Promise<void> {
  const plans = plannedClasses();
  for (const numbers of generatedKeys.chunks(dataset, CHUNK)) {
    const chunk = new TrainingChunk(dataset);
    numbers.forEach((n) => chunk.add(n));
    const quotas = chunk.countAgainstQuotas(plans);
    await insert(TrainingClass, [...chunk.classes.values()]);
    await insert(Quota, quotas);
    await insert(Enrollment, chunk.enrollments);
    await insert(Qualification, chunk.qualifications);
    cadresDone(numbers.length);
  }
}

/**
 * The demo's plans, by what they cover: `year:programme:mode` → plan id. A generated class that
 * opens in a planned year for a planned programme and mode is covered by that plan (issue 15, item 2).
 */
export function plannedClasses(): Map<string, string> {
  const demo = new DemoTraining();
  const years = new Map(demo.plans.map((p) => [p.id!, p.year!]));
  return new Map(demo.quotas.map((q) => [`${years.get(q.planId!)}:${q.programmeId}:${q.mode}`, q.planId!]));
}

export class TrainingChunk {
  readonly classes = new Map<string, Partial<TrainingClass>>();
  readonly enrollments: Partial<Enrollment>[] = [];
  readonly qualifications: Partial<Qualification>[] = [];

  constructor(private readonly dataset: GeneratedDataset) {}

  add(number: number): void {
    const r = generatedKeys.random(this.dataset.seed, number, 'training');
    const cohort = Math.floor((number - generatedKeys.firstCadre) / COHORT);
    SLOTS.forEach((slot, s) => {
      if (!slot.everyone && !r.chance(0.5)) return;
      const trainingClass = this.trainingClass(cohort, s);
      const code = this.programmeCode(cohort, s);
      const enrollmentId = generatedKeys.enrollmentId(number, s);
      const finished = trainingClass.endDate! < today();
      const completed = finished && !r.chance(0.03);
      const enrollment: Partial<Enrollment> = {
        id: enrollmentId,
        cadreId: generatedKeys.cadreId(number),
        orgUnitId: generatedKeys.unitId(generatedKeys.unitOf(number)),
        classId: trainingClass.id,
        quotaId: null,
        status: !finished
          ? trainingClass.startDate! > today()
            ? EnrollmentStatus.ADMITTED
            : EnrollmentStatus.STUDYING
          : completed
            ? EnrollmentStatus.COMPLETED
            : EnrollmentStatus.NOT_COMPLETED,
        nominatedOn: addDays(trainingClass.startDate!, -45),
        eligibility: null,
        resultRating: completed ? r.pick(RESULTS) : null,
        certificateNumber: completed ? `${trainingClass.code}/${number}` : null,
        feedbackScore: completed && r.chance(0.3) ? r.int(3, 5) : null,
      };
      this.enrollments.push(enrollment);
      const grants = programmes.get(code)!.grants;
      if (completed && grants) {
        this.qualifications.push({
          id: id('qualification', enrollmentId),
          cadreId: enrollment.cadreId,
          kind: grants[0],
          level: grants[1],
          title: programmes.get(code)!.name,
          source: QualificationSource.TRAINING,
          enrollmentId,
          awardedOn: trainingClass.endDate,
          certificateNumber: enrollment.certificateNumber,
        });
      }
    });
  }

  /**
   * Every nomination to a class a plan covers counts against a quota (issue 15, item 2): the plan
   * gets a quota for each generated team that sent trainees to such a class, of exactly the team's
   * nominees (the team's own quota is the nearest to its cadres, so it is theirs), and each
   * nomination names it. A chunk holds whole teams, so each team's quota is made once.
   */
  countAgainstQuotas(plans: Map<string, string>): Partial<Quota>[] {
    const quotas = new Map<string, Partial<Quota>>();
    for (const enrollment of this.enrollments) {
      const trainingClass = this.classes.get(enrollment.classId!)!;
      const planId = plans.get(
        `${trainingClass.startDate!.slice(0, 4)}:${trainingClass.programmeId}:${trainingClass.mode}`,
      );
      if (!planId) continue;
      const key = `${planId}:${trainingClass.programmeId}:${trainingClass.mode}:${enrollment.orgUnitId}`;
      const quota = quotas.get(key) ?? {
        id: id('quota', key),
        planId,
        programmeId: trainingClass.programmeId,
        mode: trainingClass.mode,
        orgUnitId: enrollment.orgUnitId,
        quota: 0,
      };
      quota.quota! += 1;
      quotas.set(key, quota);
      enrollment.quotaId = quota.id!;
    }
    return [...quotas.values()];
  }

  private programmeCode(cohort: number, slot: number): string {
    const choices = this.slot(slot).programmes;
    return must(choices[cohort % choices.length], 'cohort modulo the length');
  }

  private slot(slot: number): (typeof SLOTS)[number] {
    return must(SLOTS[slot], 'slots are numbered from the list');
  }

  /** The cohort's class in a slot: later slots later in the career, classes spread over 2014–2026. */
  private trainingClass(cohort: number, slot: number): Partial<TrainingClass> {
    const classId = id('class', `${slot}:${cohort}`);
    const existing = this.classes.get(classId);
    if (existing) return existing;
    const code = this.programmeCode(cohort, slot);
    const year = 2014 + slot * 4 + (cohort % 5);
    const startDate = `${year}-${String(1 + ((cohort * 5 + slot) % 12)).padStart(2, '0')}-05`;
    const endDate = addDays(startDate, 30 * programmes.get(code)!.months - 5);
    const trainingClass: Partial<TrainingClass> = {
      id: classId,
      code: `G-${slot}-${cohort}`,
      programmeId: demoId('programme', code),
      providerId: demoId('provider', this.slot(slot).provider),
      mode: TrainingMode.CONCENTRATED,
      place: this.slot(slot).provider === 'TCT-DB' ? 'Trường Chính trị tỉnh Điện Biên' : 'Hội trường Sở Nội vụ',
      startDate,
      endDate,
      maxSize: 60,
    };
    this.classes.set(classId, trainingClass);
    return trainingClass;
  }
}
