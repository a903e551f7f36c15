import { Field, InputType } from 'type-graphql';
import { CadreCategory, Sex } from './cadre.entity';

@InputType({ description: 'Narrows a cadre list; every given field must match.' })
export class CadreFilter {
  @Field(() => CadreCategory, { nullable: true })
  category?: CadreCategory;

  @Field(() => Sex, { nullable: true })
  sex?: Sex;
}
