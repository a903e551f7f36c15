import { In, type DataSource } from 'typeorm';
import { Enrollment } from './enrollment.entity';

export class EnrollmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** enrollment.findByCadreIds: every enrollment of many cadres, each in class start order. */
  findByCadreIds(cadreIds: readonly string[]): Promise<Enrollment[]> {
    return this.dataSource
      .getRepository(Enrollment)
      .createQueryBuilder('e')
      .innerJoin('training_class', 'c', 'c.id = e.class_id')
      .where({ cadreId: In([...cadreIds]) })
      .orderBy('c.start_date')
      .addOrderBy('e.id')
      .getMany();
  }
}
