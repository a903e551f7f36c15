import { Field, ID, InputType } from 'type-graphql';
import { DisciplineForm } from './discipline.entity';

@InputType({ description: 'A disciplinary measure, effective on the decision’s date.' })
export class RecordDisciplineInput {
  @Field(() => ID) cadreId: string;
  @Field(() => DisciplineForm) form: DisciplineForm;
  @Field() reason: string;
  @Field(() => ID) decisionId: string;
}
