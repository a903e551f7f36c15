import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { TrainingContext } from '../../context';
import { cadreInScope } from '../../policy';
import { Enrollment } from '../enrollment/enrollment.entity';
import { Qualification } from '../qualification/qualification.entity';
import {
  POLITICAL_THEORY_LEVELS,
  QualificationKind,
  STATE_MANAGEMENT_LEVELS,
} from '../qualification/qualification.enums';
import { Cadre } from './cadre.type';

/**
 * Row-level authorisation: the cadre's unit, which the gateway fetched from personnel and hands over
 * in the representation, must lie in the caller's subtrees. It vouches for this cadre id only; a
 * representation without it shows nothing.
 */
const SCOPED = '@requires(fields: "orgUnit { id }")';

function visible(context: TrainingContext, cadre: Cadre): boolean {
  return cadreInScope(context.identity, 'readCadreTraining', cadre.orgUnit?.id);
}

/** The highest level among the cadre's qualifications of one kind, by the kind's order of levels. */
async function highestLevel(
  context: TrainingContext,
  cadre: Cadre,
  kind: QualificationKind,
  order: string[],
): Promise<string | null> {
  if (!visible(context, cadre)) return null;
  const qualifications = await context.loaders.qualificationsByCadreId.load(cadre.id);
  const levels = qualifications.filter((q) => q.kind === kind && q.level).map((q) => order.indexOf(q.level!));
  return order[Math.max(...levels)] ?? null; // none: Math.max() is -Infinity
}

/**
 * Every field here is nullable although the resolvers never return null: the fields are training's
 * part of a cadre that personnel owns, and when training is down or late the gateway gives them
 * null with a SUBGRAPH_UNAVAILABLE/SUBGRAPH_TIMEOUT error. Were they non-null, that null would blank
 * the whole cadre, personnel's and planning's parts included (README, "Partial answers").
 */
@Resolver(() => Cadre)
export class CadreTrainingResolver {
  @FieldResolver(() => [Enrollment], {
    nullable: true,
    description: 'Every class the cadre was nominated to, oldest first.',
  })
  @Directive(SCOPED)
  async trainingHistory(@Root() cadre: Cadre, @Ctx() context: TrainingContext): Promise<Enrollment[]> {
    return visible(context, cadre) ? context.loaders.enrollmentsByCadreId.load(cadre.id) : [];
  }

  @FieldResolver(() => [Qualification], {
    nullable: true,
    description: 'Qualifications held: from the file, and granted by completed classes.',
  })
  @Directive(SCOPED)
  async qualifications(@Root() cadre: Cadre, @Ctx() context: TrainingContext): Promise<Qualification[]> {
    return visible(context, cadre) ? context.loaders.qualificationsByCadreId.load(cadre.id) : [];
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Highest political-theory level held (ELEMENTARY … ADVANCED_POLITICS_ADMIN).',
  })
  @Directive(SCOPED)
  politicalTheoryLevel(@Root() cadre: Cadre, @Ctx() context: TrainingContext): Promise<string | null> {
    return highestLevel(context, cadre, QualificationKind.POLITICAL_THEORY, POLITICAL_THEORY_LEVELS);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Highest state-management level held (SPECIALIST … SENIOR_SPECIALIST).',
  })
  @Directive(SCOPED)
  stateManagementLevel(@Root() cadre: Cadre, @Ctx() context: TrainingContext): Promise<string | null> {
    return highestLevel(context, cadre, QualificationKind.STATE_MANAGEMENT, STATE_MANAGEMENT_LEVELS);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Holds a defence and security knowledge certificate.' })
  @Directive(SCOPED)
  async defenceSecurityTrained(@Root() cadre: Cadre, @Ctx() context: TrainingContext): Promise<boolean | null> {
    if (!visible(context, cadre)) return null;
    return (await context.loaders.qualificationsByCadreId.load(cadre.id)).some(
      (q) => q.kind === QualificationKind.DEFENCE_SECURITY,
    );
  }
}
