import { RuleSettingRow, type SubgraphDefinition } from '@cadres/subgraph-kit';
import { z } from 'zod';
import { createContainer, createLoaders, type TrainingContainer, type TrainingLoaders } from './container';
import { migrations } from './migrations';
import { Enrollment } from './modules/enrollment/enrollment.entity';
import { StudyCommitment } from './modules/enrollment/study-commitment.entity';
import { Quota, TrainingPlan } from './modules/plan/plan.entity';
import { Qualification } from './modules/qualification/qualification.entity';
import { Programme } from './modules/programme/programme.entity';
import { Provider } from './modules/training-class/provider.entity';
import { TrainingClass } from './modules/training-class/training-class.entity';
import { buildTrainingSchema } from './schema';
import { seedDemoData } from './seed/demo-data';

export const trainingSubgraph: SubgraphDefinition<TrainingContainer, TrainingLoaders> = {
  name: 'training',
  dbSchema: 'training',
  entities: [
    Programme,
    Provider,
    TrainingClass,
    Enrollment,
    StudyCommitment,
    TrainingPlan,
    Quota,
    Qualification,
    RuleSettingRow,
  ],
  extraEnv: {
    /** The personnel subgraph, asked for a cadre's record when they are nominated (eligibility, rules 4 and 5). */
    PERSONNEL_URL: z.string().url().optional(),
  },
  migrations,
  createRepositories: createContainer,
  createLoaders,
  buildSchema: buildTrainingSchema,
  auditsPartnerReads: true,
  seedDemoData,
};
