import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { isPlanNode, QueryPlanner, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import { readSupergraph } from '@cadres/gateway/dist/supergraph';
import { parse } from 'graphql';

/**
 * What an operation's query plan costs in subgraph calls, from the committed supergraph and the
 * planner our gateway runs (@apollo/gateway's, default options): a chain of sequential calls adds
 * its latency to every answer, and each call is an HTTP request, a GraphQL execution and a
 * signature check in a subgraph besides the gateway's work.
 */
export interface PlanShape {
  /** The longest chain of calls that must wait for each other (a Sequence adds, a Parallel takes its longest branch). */
  sequentialFetches: number;
  /** Every subgraph call, by subgraph, in plan order. */
  fetches: string[];
}

let planner: { supergraph: Supergraph; planner: QueryPlanner } | undefined;

function plannerOfSupergraph(): { supergraph: Supergraph; planner: QueryPlanner } {
  if (!planner) {
    const supergraph = Supergraph.build(readSupergraph());
    planner = { supergraph, planner: new QueryPlanner(supergraph) };
  }
  return planner;
}

/** The plan the gateway builds for this operation. */
export function queryPlanOf(operation: string): QueryPlan {
  const { supergraph, planner: queryPlanner } = plannerOfSupergraph();
  return queryPlanner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(operation)));
}

function depth(node: PlanNode): number {
  switch (node.kind) {
    case 'Fetch':
      return 1;
    case 'Flatten':
      return depth(node.node);
    case 'Sequence':
      return node.nodes.reduce((sum, child) => sum + depth(child), 0);
    case 'Parallel':
      return Math.max(0, ...node.nodes.map(depth));
    case 'Condition':
      return Math.max(node.ifClause ? depth(node.ifClause) : 0, node.elseClause ? depth(node.elseClause) : 0);
    case 'Defer':
      return (
        (node.primary.node ? depth(node.primary.node) : 0) +
        Math.max(0, ...node.deferred.map((d) => (d.node ? depth(d.node) : 0)))
      );
  }
}

function fetches(node: PlanNode): string[] {
  switch (node.kind) {
    case 'Fetch':
      return [node.serviceName];
    case 'Flatten':
      return fetches(node.node);
    case 'Sequence':
    case 'Parallel':
      return node.nodes.flatMap(fetches);
    case 'Condition':
      return [...(node.ifClause ? fetches(node.ifClause) : []), ...(node.elseClause ? fetches(node.elseClause) : [])];
    case 'Defer':
      return [
        ...(node.primary.node ? fetches(node.primary.node) : []),
        ...node.deferred.flatMap((d) => (d.node ? fetches(d.node) : [])),
      ];
  }
}

/** The calls a query's plan makes and how many of them wait for each other. */
export function planShape(operation: string): PlanShape {
  const { node } = queryPlanOf(operation);
  if (!node) return { sequentialFetches: 0, fetches: [] };
  if (!isPlanNode(node)) throw new Error('a subscription has no plan shape here');
  return { sequentialFetches: depth(node), fetches: fetches(node) };
}
