import { generatedKeys, today, type InputProblem } from '@cadres/core';
import { cadreRecordProblems, type CadreRecordFields } from '../modules/cadre/cadre.validation';
import type { Cadre } from '../modules/cadre/cadre.entity';
import type { Decision } from '../modules/decision/decision.entity';
import { decisionProblems } from '../modules/decision/decision.service';
import type { Evaluation } from '../modules/evaluation/evaluation.entity';
import { evaluationYearProblems } from '../modules/evaluation/evaluation.service';
import { DemoProvince } from './demo-data';
import { PersonnelChunk } from './generated-data';

/**
 * Issue 15, item 10: the rows the demo and the generator insert pass every check the API applies
 * to the same record, through the domain's own validators (the ones createCadre, updateCadre,
 * createDecision and recordEvaluation call), so any of them can be edited through the API. Each
 * problem is listed as "id: field REASON", so a failure names the records.
 */
interface Rows {
  cadres: Partial<Cadre>[];
  decisions: Partial<Decision>[];
  evaluations: Partial<Evaluation>[];
}

function problemsOf(rows: Rows, on: string): string[] {
  const born = new Map(rows.cadres.map((c) => [c.id!, c.dateOfBirth!]));
  const named = (id: string | undefined, problems: InputProblem[]) =>
    problems.map((p) => `${id}: ${p.field} ${p.reason}`);
  return [
    ...rows.cadres.flatMap((c) => named(c.id, cadreRecordProblems(c as CadreRecordFields, on))),
    ...rows.decisions.flatMap((d) =>
      named(
        d.id,
        decisionProblems({
          number: d.number!,
          signingAuthority: d.signingAuthority!,
          legalBasis: d.legalBasis!,
          subject: d.subject!,
          signedOn: d.signedOn!,
          effectiveOn: d.effectiveOn!,
        }),
      ),
    ),
    ...rows.evaluations.flatMap((e) => named(e.id, evaluationYearProblems(e.year!, born.get(e.cadreId!) ?? null, on))),
  ];
}

describe('issue 15, item 10: the demo and generated data pass the validations the API applies', () => {
  it('every demo cadre, decision and evaluation (no Party admission, grade or birth date after today)', () => {
    const demo = new DemoProvince();
    expect(demo.cadres.length).toBeGreaterThan(2000);
    expect(problemsOf(demo, today())).toEqual([]);
  });

  it('every demo cadre’s official Party membership follows admission and is not in the future', () => {
    for (const cadre of new DemoProvince().cadres.filter((c) => c.partyOfficialDate)) {
      expect(cadre.partyOfficialDate! > cadre.partyAdmissionDate! && cadre.partyOfficialDate! <= today()).toBe(true);
    }
  });

  it('every generated cadre of the province dataset’s first 3,000, with their decisions and evaluations', () => {
    const dataset = { cadres: 30_000, seed: 1 };
    const lastYear = Number(today().slice(0, 4)) - 1;
    const chunk = new PersonnelChunk(
      dataset,
      generatedKeys.unitCount(dataset),
      [0, 1, 2, 3, 4].map((i) => lastYear - 4 + i),
    );
    const [numbers] = generatedKeys.chunks(dataset, 3_000);
    numbers?.forEach((n) => chunk.add(generatedKeys.facts(dataset.seed, n)));
    expect(chunk.cadres).toHaveLength(3_000);
    expect(problemsOf(chunk, today())).toEqual([]);
  });
});
