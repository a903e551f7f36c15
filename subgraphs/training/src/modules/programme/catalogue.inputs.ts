import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { QualificationKind } from '../qualification/qualification.enums';
import { ProviderLevel } from '../training-class/provider.entity';
import { TrainingMode } from '../training-class/training-class.entity';
import { ProgrammeCategory } from './programme.entity';

@InputType()
export class CreateProgrammeInput {
  @Field() code: string;
  @Field() name: string;
  @Field(() => ProgrammeCategory) category: ProgrammeCategory;
  @Field(() => QualificationKind, { nullable: true }) grantsKind?: QualificationKind;
  @Field({ nullable: true }) grantsLevel?: string;
  @Field(() => Int, { nullable: true }) durationMonths?: number;
}

@InputType()
export class CreateProviderInput {
  @Field() code: string;
  @Field() name: string;
  @Field({ description: 'ISO 3166 alpha-2, e.g. VN, JP.' }) country: string;
  @Field(() => ProviderLevel) level: ProviderLevel;
}

@InputType()
export class CreateTrainingClassInput {
  @Field() code: string;
  @Field(() => ID) programmeId: string;
  @Field(() => ID) providerId: string;
  @Field(() => TrainingMode) mode: TrainingMode;
  @Field() place: string;
  @Field(() => LocalDateResolver) startDate: string;
  @Field(() => LocalDateResolver) endDate: string;
  @Field(() => Int) maxSize: number;
}

@InputType()
export class QuotaInput {
  @Field(() => ID) programmeId: string;
  @Field(() => TrainingMode) mode: TrainingMode;
  @Field(() => ID, { nullable: true }) orgUnitId?: string;
  @Field(() => Int) quota: number;
}

@InputType()
export class CreateTrainingPlanInput {
  @Field() code: string;
  @Field() name: string;
  @Field(() => Int) year: number;
  @Field(() => [QuotaInput]) quotas: QuotaInput[];
}

@InputType({ description: 'A qualification the cadre already held or earned elsewhere, from their file.' })
export class RecordPriorQualificationInput {
  @Field(() => ID) cadreId: string;
  @Field(() => QualificationKind) kind: QualificationKind;
  @Field({ nullable: true }) level?: string;
  @Field() title: string;
  @Field(() => LocalDateResolver) awardedOn: string;
  @Field({ nullable: true }) institution?: string;
  @Field({ nullable: true }) certificateNumber?: string;
}
