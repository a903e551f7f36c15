import { LocalDateResolver } from 'graphql-scalars';
import { Field, InputType, Int } from 'type-graphql';
import { CivilServiceGrade } from '../title/title.enums';
import { CadreCategory, Sex } from '../cadre/cadre.entity';

/**
 * One row of a cadre spreadsheet (`@cadres/exchange`'s cadre columns), keyed by the personal ID
 * number. A field left out is a column the file does not have: left as it is. A field sent as null
 * is a blank cell: cleared.
 */
@InputType()
export class CadreImportRow {
  @Field(() => Int, { description: 'The row’s number in the file, echoed in the problems.' }) row: number;
  @Field() personalIdNumber: string;
  @Field(() => String, { nullable: true }) fullName?: string | null;
  @Field(() => Sex, { nullable: true }) sex?: Sex | null;
  @Field(() => LocalDateResolver, { nullable: true }) dateOfBirth?: string | null;
  @Field(() => String, { nullable: true }) ethnicity?: string | null;
  @Field(() => CadreCategory, { nullable: true }) category?: CadreCategory | null;
  @Field(() => String, { nullable: true, description: 'The unit’s code; a new cadre is hired into it.' }) orgUnitCode?:
    string | null;
  @Field(() => String, { nullable: true }) otherNames?: string | null;
  @Field(() => String, { nullable: true }) placeOfBirth?: string | null;
  @Field(() => String, { nullable: true }) hometown?: string | null;
  @Field(() => String, { nullable: true }) religion?: string | null;
  @Field(() => CivilServiceGrade, { nullable: true }) grade?: CivilServiceGrade | null;
  @Field(() => LocalDateResolver, { nullable: true }) gradeSince?: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) partyAdmissionDate?: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) partyOfficialDate?: string | null;
  @Field(() => String, { nullable: true }) generalEducation?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
}

@InputType({
  description:
    'A batch of a cadre spreadsheet: validated by the same services as createCadre/updateCadre, in one transaction.',
})
export class ImportCadresInput {
  @Field(() => [CadreImportRow], { description: 'At most 1,000 rows.' }) rows: CadreImportRow[];
  @Field({ description: 'True: check every row and report, then roll everything back.' }) dryRun: boolean;
  @Field(() => String, {
    nullable: true,
    description:
      'SHA-256 (hex) of the whole file: with batchIndex, makes a batch importable once (resume after an interruption).',
  })
  fileHash?: string | null;
  @Field(() => Int, { nullable: true, description: 'The batch’s place in the file, from 0.' }) batchIndex?:
    number | null;
}
