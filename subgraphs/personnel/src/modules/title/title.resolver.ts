import { BadInputError, NotFoundError, parseId, today } from '@cadres/core';
import { onlyVisible, requireAction } from '../../access';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { PersonnelContext } from '../../context';
import { Assignment } from '../appointment/appointment.entity';
import { Title } from './title.entity';
import type { PersonnelContainer } from '../../container';

@Resolver(() => Title)
export class TitleResolver {
  constructor(private readonly personnel: PersonnelContainer) {}

  @Query(() => [Title], { description: 'Every title, by level then code.' })
  titles(@Ctx() context: PersonnelContext): Promise<Title[]> {
    requireAction(context, 'readReferenceData');
    return this.personnel.titles.findAll();
  }

  @Query(() => Title, { nullable: true })
  async title(@Arg('id', () => ID) rawId: string, @Ctx() context: PersonnelContext): Promise<Title> {
    requireAction(context, 'readReferenceData');
    const { loaders } = context;
    const id = parseId(rawId);
    const title = await loaders.titleById.load(id);
    if (!title) throw new NotFoundError('Title', id);
    return title;
  }

  @Query(() => [Assignment], {
    description: 'Who holds these titles today (at most 500 titles): for succession questions.',
  })
  async titleHolders(
    @Arg('titleIds', () => [ID]) titleIds: string[],
    @Ctx() context: PersonnelContext,
  ): Promise<Assignment[]> {
    requireAction(context, 'readCadre');
    if (titleIds.length > 500) throw new BadInputError('At most 500 titles', 'titleIds');
    return onlyVisible(
      context,
      await this.personnel.titles.findHolders(
        titleIds.map((id) => parseId(id, 'titleIds')),
        today(),
      ),
      (a) => a.cadreId,
    );
  }

  @FieldResolver(() => [Assignment], { description: 'Its holders today, in every unit.' })
  async holders(@Root() title: Title, @Ctx() context: PersonnelContext): Promise<Assignment[]> {
    return onlyVisible(context, await context.loaders.holdersByTitleId.load(title.id), (a) => a.cadreId);
  }
}
