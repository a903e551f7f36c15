import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ProgrammeCategory } from '../programme/programme.entity';
import { TrainingMode } from '../training-class/training-class.entity';

@ObjectType({ description: 'How far a quota was filled: nominees, and trainees actually sent (admitted or further).' })
export class QuotaFulfilment {
  @Field(() => Int) year: number;
  @Field() planCode: string;
  @Field() programmeCode: string;
  @Field() programmeName: string;
  @Field(() => TrainingMode) mode: TrainingMode;
  @Field(() => String, { nullable: true, description: 'A personnel OrgUnit id; null for the whole province.' })
  orgUnitId: string | null;
  @Field(() => Int) quota: number;
  @Field(() => Int) nominated: number;
  @Field(() => Int) sent: number;
  @Field(() => Float, { description: 'sent / quota, in percent.' }) fulfilmentPercent: number;
}

@ObjectType({
  description: 'Classes of one programme in one mode: how many, how full on average and at most, against the cap.',
})
export class ClassSizeStatistics {
  @Field() programmeCode: string;
  @Field() programmeName: string;
  @Field(() => ProgrammeCategory) category: ProgrammeCategory;
  @Field(() => TrainingMode) mode: TrainingMode;
  @Field(() => Int) classes: number;
  @Field(() => Int) trainees: number;
  @Field(() => Float, { description: 'Trainees per class, one decimal.' }) averageSize: number;
  @Field(() => Int) largestClass: number;
  @Field(() => Int, { description: 'The largest maxSize among the classes.' }) cap: number;
}

@ObjectType()
export class TraineesByCategory {
  @Field(() => ProgrammeCategory) category: ProgrammeCategory;
  @Field(() => Int) classes: number;
  @Field(() => Int) trainees: number;
}

@ObjectType({ description: 'Of those who finished a programme, how many completed it.' })
export class CompletionRate {
  @Field() programmeCode: string;
  @Field() programmeName: string;
  @Field(() => Int) completed: number;
  @Field(() => Int) notCompleted: number;
  @Field(() => Int) withdrawn: number;
  @Field(() => Float, {
    nullable: true,
    description: 'completed / (completed + notCompleted), in percent; null before anyone finished.',
  })
  completionPercent: number | null;
}

@ObjectType({
  description:
    'Rule 3: non-concentrated trainees per concentrated one, in a plan and programme, against the province’s ratio.',
})
export class SelectionRatioCompliance {
  @Field() planCode: string;
  @Field(() => Int) year: number;
  @Field() programmeCode: string;
  @Field(() => Int) concentrated: number;
  @Field(() => Int) nonConcentrated: number;
  @Field(() => Float, { nullable: true, description: 'nonConcentrated / concentrated.' }) ratio: number | null;
  @Field(() => Float, { description: 'The ratio in force (1.2 by default).' }) allowedRatio: number;
  @Field(() => Int, { description: 'ceil(concentrated × allowedRatio).' }) allowedNonConcentrated: number;
  @Field() compliant: boolean;
}

@ObjectType({ description: 'Cadres sent to courses run by central bodies, per programme.' })
export class CentralCourseAttendance {
  @Field() programmeCode: string;
  @Field() programmeName: string;
  @Field(() => ProgrammeCategory) category: ProgrammeCategory;
  @Field(() => Int) trainees: number;
}
