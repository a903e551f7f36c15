import { defineRule } from '@cadres/subgraph-kit';
import { z } from 'zod';
import { DisciplineForm } from '../discipline/discipline.entity';

const months = z.number().int().min(0).max(1200);

/** Retirement age by year: base age until `baseYear`, then `stepMonths` more each year up to `maxMonths`. */
export const retirementScheduleSchema = z.object({
  baseYear: z.number().int(),
  male: z.object({ baseMonths: months, stepMonths: months, maxMonths: months }),
  female: z.object({ baseMonths: months, stepMonths: months, maxMonths: months }),
});
export type RetirementSchedule = z.infer<typeof retirementScheduleSchema>;

/**
 * Every personnel limit (DOMAIN.md rules 7–13), each with its legal basis. These are the coded
 * defaults; `definePersonnelRuleSetting` adds dated versions that take precedence from their date.
 */
export const personnelRules = {
  appointmentTermYears: defineRule({
    key: 'APPOINTMENT_TERM_YEARS',
    description: 'Length of an appointment term, from the decision’s effective date.',
    schema: z.number().int().min(1).max(10),
    defaultValue: 5,
    legalBasis: 'Nghị định 138/2020/NĐ-CP, Điều 41 (now Nghị định 170/2025/NĐ-CP)',
    effectiveFrom: '2020-11-27',
  }),
  maxConsecutiveHeadTerms: defineRule({
    key: 'MAX_CONSECUTIVE_HEAD_TERMS',
    description: 'Consecutive terms a head may serve in the same post.',
    schema: z.number().int().min(1).max(10),
    defaultValue: 2,
    legalBasis: 'Nghị định 138/2020/NĐ-CP, Điều 41; Nghị định 170/2025/NĐ-CP',
    effectiveFrom: '2020-11-27',
  }),
  consecutiveTermsResetGapMonths: defineRule({
    key: 'CONSECUTIVE_TERMS_RESET_GAP_MONTHS',
    description:
      'Terms in the same post (title in the same unit) are consecutive, and count together towards the head’s limit, whatever the assignments they were held under, unless this many months or more separate the end of one holding from the start of the next.',
    schema: months,
    defaultValue: 60,
    legalBasis:
      'Nghị định 138/2020/NĐ-CP, Điều 41; Quy định 80-QĐ/TW (2022): "không quá 2 nhiệm kỳ liên tiếp" — no figure for the interruption that ends a run of terms was found: default one full term (5 years), the shortest gap in which someone else could have served a whole term',
    effectiveFrom: '2020-11-27',
  }),
  minServiceYearsForPromotion: defineRule({
    key: 'MIN_SERVICE_YEARS_FOR_PROMOTION',
    description: 'Years of service left before retirement age needed for a first appointment or promotion.',
    schema: z.number().min(0).max(20),
    defaultValue: 5,
    legalBasis: 'Quy định 377-QĐ/TW (2025); Nghị định 138/2020/NĐ-CP, Điều 40',
    effectiveFrom: '2020-11-27',
  }),
  planningRequiredForPromotion: defineRule({
    key: 'PLANNING_REQUIRED_FOR_PROMOTION',
    description: 'A first appointment or promotion needs an approved planning entry for the title.',
    schema: z.boolean(),
    defaultValue: true,
    legalBasis: 'Quy định 377-QĐ/TW (2025); Quy định 50-QĐ/TW (2021)',
    effectiveFrom: '2021-12-27',
  }),
  retirementSchedule: defineRule({
    key: 'RETIREMENT_AGE_SCHEDULE',
    description:
      'Retirement age: men 60y3m in 2021 rising 3 months a year to 62; women 55y4m rising 4 months a year to 60.',
    schema: retirementScheduleSchema,
    defaultValue: {
      baseYear: 2020,
      male: { baseMonths: 60 * 12, stepMonths: 3, maxMonths: 62 * 12 },
      female: { baseMonths: 55 * 12, stepMonths: 4, maxMonths: 60 * 12 },
    },
    legalBasis: 'Bộ luật Lao động 2019, Điều 169; Nghị định 135/2020/NĐ-CP',
    effectiveFrom: '2021-01-01',
  }),
  reappointmentNoticeWorkingDays: defineRule({
    key: 'REAPPOINTMENT_NOTICE_WORKING_DAYS',
    description: 'Reappointment may take effect at the earliest this many working days before the term ends.',
    schema: z.number().int().min(0).max(365),
    defaultValue: 90,
    legalBasis: 'Nghị định 138/2020/NĐ-CP, Điều 44',
    effectiveFrom: '2020-11-27',
  }),
  extensionThresholdYears: defineRule({
    key: 'EXTENSION_THRESHOLD_YEARS',
    description:
      'Below this many years to retirement at term end, the term is extended to retirement instead of renewed.',
    schema: z.number().min(0).max(10),
    defaultValue: 2,
    legalBasis: 'Nghị định 138/2020/NĐ-CP, Điều 45',
    effectiveFrom: '2020-11-27',
  }),
  rotationMinMonths: defineRule({
    key: 'ROTATION_MIN_MONTHS',
    description: 'Shortest rotation.',
    schema: months,
    defaultValue: 36,
    legalBasis: 'Quy định 65-QĐ/TW (2022) về luân chuyển cán bộ',
    effectiveFrom: '2022-02-28',
  }),
  rotationMinServiceYears: defineRule({
    key: 'ROTATION_MIN_SERVICE_YEARS',
    description: 'Years of service left needed to be rotated.',
    schema: z.number().min(0).max(30),
    defaultValue: 10,
    legalBasis: 'Quy định 65-QĐ/TW (2022) về luân chuyển cán bộ',
    effectiveFrom: '2022-02-28',
  }),
  secondmentMaxMonths: defineRule({
    key: 'SECONDMENT_MAX_MONTHS',
    description: 'Longest secondment.',
    schema: months,
    defaultValue: 36,
    legalBasis: 'Luật Cán bộ, công chức 2008, Điều 53; Nghị định 138/2020/NĐ-CP, Điều 59',
    effectiveFrom: '2020-11-27',
  }),
  disciplineBlockMonths: defineRule({
    key: 'DISCIPLINE_BLOCK_MONTHS',
    description:
      'Months after a disciplinary measure during which the cadre cannot be promoted (values beyond reprimand, warning and removal are defaults).',
    schema: z.record(z.enum(DisciplineForm), months),
    defaultValue: {
      [DisciplineForm.REPRIMAND]: 24,
      [DisciplineForm.WARNING]: 36,
      [DisciplineForm.PAY_DEMOTION]: 36,
      [DisciplineForm.DEMOTION]: 36,
      [DisciplineForm.REMOVAL_FROM_OFFICE]: 60,
      [DisciplineForm.DISMISSAL]: 1200,
    },
    legalBasis: 'Quy định 69-QĐ/TW (2022); Nghị định 112/2020/NĐ-CP, Điều 82 (defaults where no figure was found)',
    effectiveFrom: '2022-07-06',
  }),
};

export type PersonnelRuleDefinitions = typeof personnelRules;
