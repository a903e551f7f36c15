import { DependencyUnavailableError, must } from '@cadres/core';
import { callSubgraph, SubgraphUnavailableError } from '@cadres/subgraph-kit';
import { z } from 'zod';

// Planning's answer, validated: another service's answer is input, not a promise.
const planningCheck = z.object({
  /** An approved planning entry for the title, in a term covering the date. */
  plannedForTitle: z.boolean(),
  /** Any approved planning entry in a term covering the date (the rotation pool). */
  inPlanningPool: z.boolean(),
});
export type PlanningCheck = z.infer<typeof planningCheck>;

const PLANNING_CHECK = `query PlanningCheck($cadreId: ID!, $titleId: ID, $on: LocalDate!) {
  planningCheck(cadreId: $cadreId, titleId: $titleId, on: $on) { plannedForTitle inPlanningPool }
}`;

/**
 * Rule 8 (and the rotation pool of rule 11) depend on planning data, which the planning subgraph
 * owns. Personnel asks it over HTTP at write time — an explicit service call, because a mutation's
 * rule check cannot wait for the gateway to join data after the fact. It fails closed: when
 * planning cannot answer, the appointment is refused rather than made unchecked.
 */
export class PlanningClient {
  constructor(
    private readonly url: string | undefined,
    private readonly signingSecret: string,
  ) {}

  async check(cadreId: string, titleId: string | null, on: string, requestId: string | null): Promise<PlanningCheck> {
    const data = await this.ask(PLANNING_CHECK, { cadreId, titleId, on }, z.object({ planningCheck }), requestId);
    return data.planningCheck;
  }

  /**
   * Many questions at once, each an aliased `planningCheck` of one request per
   * CHECKS_PER_REQUEST (an import batch's, asked before its transaction): the answers in order.
   */
  async checkMany(questions: readonly PlanningQuestion[], requestId: string | null): Promise<PlanningCheck[]> {
    const answers: PlanningCheck[] = [];
    for (let start = 0; start < questions.length; start += CHECKS_PER_REQUEST) {
      const chunk = questions.slice(start, start + CHECKS_PER_REQUEST);
      const variables: Record<string, string | null> = {};
      const declared: string[] = [];
      const fields = chunk.map((q, i) => {
        Object.assign(variables, { [`c${i}`]: q.cadreId, [`t${i}`]: q.titleId, [`o${i}`]: q.on });
        declared.push(`$c${i}: ID!, $t${i}: ID, $o${i}: LocalDate!`);
        return `q${i}: planningCheck(cadreId: $c${i}, titleId: $t${i}, on: $o${i}) { plannedForTitle inPlanningPool }`;
      });
      const query = `query PlanningChecks(${declared.join(', ')}) { ${fields.join(' ')} }`;
      const data = await this.ask(query, variables, z.record(z.string(), planningCheck), requestId);
      chunk.forEach((_, i) => answers.push(must(data[`q${i}`], 'planning answers every aliased question')));
    }
    return answers;
  }

  private async ask<Schema extends z.ZodType>(
    query: string,
    variables: Record<string, unknown>,
    schema: Schema,
    requestId: string | null,
  ): Promise<z.infer<Schema>> {
    try {
      return await callSubgraph('planning', this.url, query, variables, schema, {
        requestId,
        signingSecret: this.signingSecret,
        caller: 'personnel',
      });
    } catch (error) {
      if (!(error instanceof SubgraphUnavailableError)) throw error;
      throw planningUnavailable();
    }
  }
}

/** The refusal when planning cannot answer: the rule is not checked, so nothing is changed. */
function planningUnavailable(): DependencyUnavailableError {
  return new DependencyUnavailableError(
    'planning',
    'The planning subgraph could not confirm the planning; nothing was changed.',
    'PLANNING_CHECK_UNAVAILABLE',
  );
}

/** Questions per request: each costs planning one statement, and the call has the client's deadline. */
const CHECKS_PER_REQUEST = 100;

export interface PlanningQuestion {
  cadreId: string;
  titleId: string | null;
  on: string;
}

/** Planning's answers asked before a transaction, for the rules to read inside it without a network call. */
export interface PlanningAnswers {
  /** The answer asked before; planning's unavailability when it could not answer. */
  check(cadreId: string, titleId: string | null, on: string): PlanningCheck;
}

const questionKey = (q: PlanningQuestion) => `${q.cadreId}|${q.titleId ?? ''}|${q.on}`;

/**
 * Asks planning every question a batch's rows will need, before the batch's transaction: no row
 * lock is held while planning answers (or is slow, or down). When planning cannot answer, every
 * row that needs it is refused PLANNING_CHECK_UNAVAILABLE, as the single mutation would be.
 */
export async function askPlanningFirst(
  client: PlanningClient,
  questions: readonly PlanningQuestion[],
  requestId: string | null,
): Promise<PlanningAnswers> {
  const distinct = [...new Map(questions.map((q) => [questionKey(q), q])).values()];
  let answers: Map<string, PlanningCheck> | DependencyUnavailableError;
  try {
    const checks = distinct.length ? await client.checkMany(distinct, requestId) : [];
    answers = new Map(distinct.map((q, i) => [questionKey(q), must(checks[i], 'one answer per question')]));
  } catch (error) {
    if (!(error instanceof DependencyUnavailableError)) throw error;
    answers = error;
  }
  return {
    check(cadreId, titleId, on) {
      if (answers instanceof DependencyUnavailableError) throw planningUnavailable();
      // A question not asked first is a bug of the caller, not planning's answer.
      return must(answers.get(questionKey({ cadreId, titleId, on })), 'planning was asked this before the transaction');
    },
  };
}
