import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { CivilServiceGrade, EducationLevel } from '../title/title.enums';
import { FamilyRelation } from './cadre-details.entity';
import { CadreCategory, Sex } from './cadre.entity';

@InputType({ description: 'Narrows a cadre list; every given field must match.' })
export class CadreFilter {
  @Field(() => ID, { nullable: true, description: 'Cadres whose unit is this one or below it.' })
  orgUnitSubtree?: string;

  @Field(() => CadreCategory, { nullable: true })
  category?: CadreCategory;

  @Field(() => ID, { nullable: true, description: 'Cadres holding this title today.' })
  titleId?: string;

  @Field(() => Sex, { nullable: true })
  sex?: Sex;

  @Field({ nullable: true })
  ethnicity?: string;

  @Field({ nullable: true, description: 'True: every ethnic group but Kinh; false: Kinh only.' })
  ethnicMinority?: boolean;

  @Field(() => Int, { nullable: true, description: 'Age today, inclusive.' })
  minAge?: number;

  @Field(() => Int, { nullable: true, description: 'Age today, inclusive.' })
  maxAge?: number;

  @Field({ nullable: true })
  partyMember?: boolean;

  @Field({ nullable: true, description: 'Part of a name; ignores case and Vietnamese diacritics ("nguyen van an").' })
  search?: string;
}

export enum CadreOrderField {
  FULL_NAME = 'FULL_NAME',
  DATE_OF_BIRTH = 'DATE_OF_BIRTH',
  /**
   * The register's key, which no two cadres share: the one order that is the same in every
   * database holding the same people (ties in name or birth date fall back to ids, which differ),
   * so two exports compare line by line. Reveals the numbers' order: it needs pii:read.
   */
  PERSONAL_ID_NUMBER = 'PERSONAL_ID_NUMBER',
}
registerEnumType(CadreOrderField, {
  name: 'CadreOrderField',
  valuesConfig: {
    PERSONAL_ID_NUMBER: {
      description:
        'By personal ID number (unique: the same order in any database with the same people, for comparing lists). Needs pii:read.',
    },
  },
});

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection' });

@InputType()
export class CadreOrder {
  @Field(() => CadreOrderField)
  field: CadreOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction: OrderDirection;
}

@InputType()
export class DegreeInput {
  @Field(() => EducationLevel) level: EducationLevel;
  @Field() field: string;
  @Field() institution: string;
  @Field(() => Int) year: number;
}

@InputType()
export class FamilyMemberInput {
  @Field(() => FamilyRelation) relation: FamilyRelation;
  @Field() fullName: string;
  @Field(() => Int, { nullable: true }) birthYear?: number;
  @Field({ nullable: true }) occupation?: string;
}

/** Fields of the personnel form that createCadre and updateCadre share. */
@InputType()
export abstract class CadreRecordInput {
  @Field({ nullable: true }) otherNames?: string;
  @Field({ nullable: true }) placeOfBirth?: string;
  @Field({ nullable: true }) hometown?: string;
  @Field({ nullable: true }) religion?: string;
  @Field(() => CivilServiceGrade, { nullable: true }) grade?: CivilServiceGrade;
  @Field(() => LocalDateResolver, { nullable: true }) gradeSince?: string;
  @Field(() => LocalDateResolver, { nullable: true }) partyAdmissionDate?: string;
  @Field(() => LocalDateResolver, { nullable: true }) partyOfficialDate?: string;
  @Field({ nullable: true }) generalEducation?: string;
  @Field({ nullable: true }) phone?: string;
  @Field({ nullable: true }) email?: string;
  @Field(() => [DegreeInput], { nullable: true, description: 'Replaces every degree when given.' })
  degrees?: DegreeInput[];
  @Field(() => [FamilyMemberInput], { nullable: true, description: 'Replaces every family member when given.' })
  familyMembers?: FamilyMemberInput[];
}

@InputType()
export class CreateCadreInput extends CadreRecordInput {
  @Field() fullName: string;
  @Field(() => Sex) sex: Sex;
  @Field(() => LocalDateResolver) dateOfBirth: string;
  @Field() ethnicity: string;
  @Field({ description: '12 digits; its sex/century and birth-year digits must match the record.' })
  personalIdNumber: string;
  @Field(() => CadreCategory) category: CadreCategory;
  @Field(() => ID) orgUnitId: string;
}

@InputType({ description: 'Only the given fields change.' })
export class UpdateCadreInput extends CadreRecordInput {
  @Field({ nullable: true }) fullName?: string;
  @Field(() => Sex, { nullable: true }) sex?: Sex;
  @Field(() => LocalDateResolver, { nullable: true }) dateOfBirth?: string;
  @Field({ nullable: true }) ethnicity?: string;
  @Field({ nullable: true }) personalIdNumber?: string;
  @Field(() => CadreCategory, { nullable: true }) category?: CadreCategory;
}
