import { defineRule } from '@cadres/subgraph-kit';
import { z } from 'zod';

/**
 * Every training limit (DOMAIN.md rules 1–6), each with its legal basis. These are the coded
 * defaults; `defineTrainingRuleSetting` adds dated versions that take precedence from their date.
 */
export const trainingRules = {
  nominationCandidateRatio: defineRule({
    key: 'NOMINATION_CANDIDATE_RATIO',
    description: 'Nominees for a quota may number up to the quota times this ratio.',
    schema: z.number().min(1).max(5),
    defaultValue: 1.2,
    legalBasis: 'Quy chế tuyển chọn cán bộ đi đào tạo, bồi dưỡng của tỉnh (default)',
    effectiveFrom: '2020-01-01',
  }),
  nonConcentratedPerConcentrated: defineRule({
    key: 'NON_CONCENTRATED_PER_CONCENTRATED',
    description:
      'For each cadre sent to a concentrated course, this many may be sent to a non-concentrated one (reported as compliance).',
    schema: z.number().min(0).max(10),
    defaultValue: 1.2,
    legalBasis: 'Tỉnh ủy Điện Biên: tỷ lệ cử đi học tập trung : không tập trung = 1 : 1,2',
    effectiveFrom: '2020-10-01',
  }),
  intermediatePoliticalTheory: defineRule({
    key: 'INTERMEDIATE_POLITICAL_THEORY_ELIGIBILITY',
    description:
      'Intermediate political theory: Party member, a degree (secondary school for ethnic-minority cadres where allowed), consecutive years rated GOOD or better, and a minimum age for the non-concentrated mode.',
    schema: z.object({
      partyMemberRequired: z.boolean(),
      minDegree: z.enum(['COLLEGE', 'BACHELOR', 'MASTER', 'DOCTORATE']),
      secondaryAllowedForEthnicMinority: z.boolean(),
      consecutiveGoodYears: z.number().int().min(0).max(5),
      nonConcentratedMinAge: z.object({ MALE: z.number().int(), FEMALE: z.number().int() }),
    }),
    defaultValue: {
      partyMemberRequired: true,
      minDegree: 'COLLEGE' as const,
      secondaryAllowedForEthnicMinority: true,
      consecutiveGoodYears: 2,
      nonConcentratedMinAge: { MALE: 30, FEMALE: 28 },
    },
    legalBasis: 'Quy định 350-QĐ/TW (2025) về đào tạo lý luận chính trị',
    effectiveFrom: '2025-01-01',
  }),
  advancedPoliticalTheoryMinTitleRank: defineRule({
    key: 'ADVANCED_POLITICAL_THEORY_MIN_TITLE_RANK',
    description:
      'Advanced political theory: the nominee holds a title of at least this rank (provincial division heads and up, commune chairs).',
    schema: z.number().int().min(0).max(100),
    defaultValue: 50,
    legalBasis: 'Quy định 350-QĐ/TW (2025): đối tượng đào tạo cao cấp lý luận chính trị',
    effectiveFrom: '2025-01-01',
  }),
  postgraduateMaxAge: defineRule({
    key: 'POSTGRADUATE_MAX_AGE',
    description: 'Oldest age at nomination for postgraduate study.',
    schema: z.number().int().min(18).max(70),
    defaultValue: 45,
    legalBasis: 'Nghị định 171/2025/NĐ-CP về đào tạo, bồi dưỡng công chức',
    effectiveFrom: '2025-07-01',
  }),
  postgraduateServiceMultiplier: defineRule({
    key: 'POSTGRADUATE_SERVICE_MULTIPLIER',
    description: 'Months of service owed after postgraduate study, per month of study.',
    schema: z.number().min(0).max(10),
    defaultValue: 3,
    legalBasis: 'Nghị định 171/2025/NĐ-CP về đào tạo, bồi dưỡng công chức',
    effectiveFrom: '2025-07-01',
  }),
};

export type TrainingRuleDefinitions = typeof trainingRules;
