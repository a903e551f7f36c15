import { InvalidInputError, parseId, today, type Identity, type InputProblem } from '@cadres/core';
import type { UnitOfWork } from '@cadres/subgraph-kit';
import { policy } from '../../policy';
import type { Quota, TrainingPlan } from '../plan/plan.entity';
import type { PlanRepository } from '../plan/plan.repository';
import type { Qualification } from '../qualification/qualification.entity';
import type { QualificationRepository } from '../qualification/qualification.repository';
import {
  POLITICAL_THEORY_LEVELS,
  QualificationKind,
  QualificationSource,
  STATE_MANAGEMENT_LEVELS,
} from '../qualification/qualification.enums';
import type { Provider } from '../training-class/provider.entity';
import type { TrainingClass } from '../training-class/training-class.entity';
import type { TrainingClassRepository } from '../training-class/training-class.repository';
import type { Programme } from './programme.entity';
import type { ProgrammeRepository } from './programme.repository';
import type {
  CreateProgrammeInput,
  CreateProviderInput,
  CreateTrainingClassInput,
  CreateTrainingPlanInput,
  RecordPriorQualificationInput,
} from './catalogue.inputs';

const LEVELS: Partial<Record<QualificationKind, string[]>> = {
  [QualificationKind.POLITICAL_THEORY]: POLITICAL_THEORY_LEVELS,
  [QualificationKind.STATE_MANAGEMENT]: STATE_MANAGEMENT_LEVELS,
};

function text(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, ' ');
}

function required(fields: Record<string, string>): InputProblem[] {
  return Object.entries(fields)
    .filter(([, value]) => !value)
    .map(([field]) => ({ field, reason: 'REQUIRED', message: `${field} is required.` }));
}

function levelProblems(
  kind: QualificationKind | undefined | null,
  level: string | undefined | null,
  field: string,
): InputProblem[] {
  const known = kind ? LEVELS[kind] : undefined;
  return known && level && !known.includes(level)
    ? [{ field, reason: 'UNKNOWN_LEVEL', message: `${kind} levels are ${known.join(', ')}.` }]
    : [];
}

function fail(problems: InputProblem[]): void {
  if (problems.length) throw new InvalidInputError(problems);
}

/** The catalogue (programmes, providers, classes), plans with their quotas, and prior qualifications. */
export class CatalogueService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly programmes: ProgrammeRepository,
    private readonly classes: TrainingClassRepository,
    private readonly plans: PlanRepository,
    private readonly qualifications: QualificationRepository,
  ) {}

  createProgramme(input: CreateProgrammeInput): Promise<Programme> {
    const fields = { code: text(input.code), name: text(input.name) };
    fail([
      ...required(fields),
      ...levelProblems(input.grantsKind, input.grantsLevel, 'grantsLevel'),
      ...(input.grantsLevel && !input.grantsKind
        ? [{ field: 'grantsKind', reason: 'REQUIRED', message: 'A level needs the kind it belongs to.' }]
        : []),
      ...(input.durationMonths != null && input.durationMonths < 1
        ? [{ field: 'durationMonths', reason: 'OUT_OF_RANGE', message: 'At least one month.' }]
        : []),
    ]);
    return this.unitOfWork((transaction) =>
      this.programmes.insert(transaction, {
        ...fields,
        category: input.category,
        grantsKind: input.grantsKind ?? null,
        grantsLevel: input.grantsLevel ?? null,
        durationMonths: input.durationMonths ?? null,
      }),
    );
  }

  createProvider(input: CreateProviderInput): Promise<Provider> {
    const fields = { code: text(input.code), name: text(input.name), country: input.country.trim().toUpperCase() };
    fail([
      ...required(fields),
      ...(/^[A-Z]{2}$/.test(fields.country)
        ? []
        : [{ field: 'country', reason: 'INVALID_COUNTRY', message: 'Two letters, e.g. VN.' }]),
    ]);
    return this.unitOfWork((transaction) =>
      this.classes.insertProvider(transaction, { ...fields, level: input.level }),
    );
  }

  createTrainingClass(input: CreateTrainingClassInput): Promise<TrainingClass> {
    const fields = { code: text(input.code), place: text(input.place) };
    const programmeId = parseId(input.programmeId, 'programmeId');
    const providerId = parseId(input.providerId, 'providerId');
    fail([
      ...required(fields),
      ...(input.endDate < input.startDate
        ? [{ field: 'endDate', reason: 'END_BEFORE_START', message: 'A class cannot end before it starts.' }]
        : []),
      ...(input.maxSize < 1
        ? [{ field: 'maxSize', reason: 'OUT_OF_RANGE', message: 'A class has at least one seat.' }]
        : []),
    ]);
    return this.unitOfWork(async (transaction) => {
      const problems: InputProblem[] = [];
      if (!(await this.programmes.exists(transaction, programmeId)))
        problems.push({ field: 'programmeId', reason: 'NOT_FOUND', message: 'No such programme.' });
      if (!(await this.classes.providerExists(transaction, providerId)))
        problems.push({ field: 'providerId', reason: 'NOT_FOUND', message: 'No such provider.' });
      fail(problems);
      return this.classes.insert(transaction, {
        ...fields,
        programmeId,
        providerId,
        mode: input.mode,
        startDate: input.startDate,
        endDate: input.endDate,
        maxSize: input.maxSize,
      });
    });
  }

  /**
   * A plan with its quotas. An ORGANIZER sets quotas for units in their subtrees only: a unit outside
   * them answers as an unknown unit would; a province-wide quota (no unit) is ADMIN's.
   */
  createTrainingPlan(input: CreateTrainingPlanInput, identity: Identity): Promise<TrainingPlan> {
    const fields = { code: text(input.code), name: text(input.name), year: input.year };
    const quotas: Partial<Quota>[] = input.quotas.map((q, i) => ({
      programmeId: parseId(q.programmeId, `quotas.${i}.programmeId`),
      mode: q.mode,
      orgUnitId: q.orgUnitId ? parseId(q.orgUnitId, `quotas.${i}.orgUnitId`) : null,
      quota: q.quota,
    }));
    if (quotas.some((q) => q.orgUnitId == null)) policy.require(identity, 'writeProvinceQuota');
    fail([
      ...required({ code: fields.code, name: fields.name }),
      ...quotas.flatMap((q, i) =>
        q.orgUnitId != null && !policy.allows(identity, 'writeUnitQuota', q.orgUnitId)
          ? [{ field: `quotas.${i}.orgUnitId`, reason: 'NOT_FOUND', message: 'OrgUnit does not exist' }]
          : [],
      ),
      ...(input.year < 2000 || input.year > 2100
        ? [{ field: 'year', reason: 'OUT_OF_RANGE', message: 'A year between 2000 and 2100.' }]
        : []),
      ...input.quotas.flatMap((q, i) =>
        q.quota < 1 ? [{ field: `quotas.${i}.quota`, reason: 'OUT_OF_RANGE', message: 'A quota is at least 1.' }] : [],
      ),
    ]);
    return this.unitOfWork((transaction) => this.plans.insert(transaction, fields, quotas));
  }

  recordPriorQualification(input: RecordPriorQualificationInput): Promise<Qualification> {
    const cadreId = parseId(input.cadreId, 'cadreId');
    const title = text(input.title);
    fail([
      ...required({ title }),
      ...levelProblems(input.kind, input.level, 'level'),
      ...(input.awardedOn > today()
        ? [{ field: 'awardedOn', reason: 'DATE_IN_FUTURE', message: 'Awarded in the future.' }]
        : []),
    ]);
    return this.unitOfWork((transaction) =>
      this.qualifications.insert(transaction, {
        cadreId,
        kind: input.kind,
        level: input.level ?? null,
        title,
        source: QualificationSource.PRIOR,
        enrollmentId: null,
        awardedOn: input.awardedOn,
        institution: input.institution ? text(input.institution) : null,
        certificateNumber: input.certificateNumber?.trim() || null,
      }),
    );
  }
}
