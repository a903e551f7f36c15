import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How code gives a refusal reason: a rule, conflict or dependency error, an input or import problem, or the helpers that build them. */
const GIVING = [
  /(?:RuleViolationError|ConflictError)\(\s*'([A-Z][A-Z0-9_]+)'/g,
  /reason: '([A-Z][A-Z0-9_]+)'/g,
  /\badd\(\s*'[^']*',\s*'([A-Z][A-Z0-9_]+)'/g,
  /assertServiceLeft\([^;]*?'([A-Z][A-Z0-9_]+)',?\s*\)/g,
  // A dependency that could not be asked, with the check it was for (DEPENDENCY_UNAVAILABLE).
  // Prettier puts a long call's arguments on lines of their own, with a trailing comma.
  /DependencyUnavailableError\([^)]*?'([A-Z][A-Z0-9_]+)',?\s*\)/g,
  // An import row's problem (subgraph-kit's import-batch): its code, then its reason.
  /importProblem\([^;]*?'(?:BAD_USER_INPUT|NOT_FOUND|CONFLICT|RULE_VIOLATION|FORBIDDEN)',\s*'([A-Z][A-Z0-9_]+)'/g,
  /unknownCode\([^)]*?'([A-Z][A-Z0-9_]+)'/g,
];
/** subgraph-kit's import helpers that give fixed reasons, by the call that names them. */
const HELPERS_GIVING: Record<string, string[]> = {
  'cadreRowProblems(': ['UNKNOWN_CADRE', 'NAME_MISMATCH'],
  'duplicateInBatch(': ['DUPLICATE_IN_FILE'],
};
/** TypeORM's `order: { reason: 'ASC' }` reads like a reason and is not one. */
const NOT_REASONS = new Set(['ASC', 'DESC']);

/** Every refusal reason the sources under `dir` give (tests, migrations and seeds left out). */
export function reasonsGivenIn(dir: string): Set<string> {
  const reasons = new Set<string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || !path.endsWith('.ts') || /\.test\.ts$|\/migrations\/|\/seed\//.test(path)) continue;
    const text = readFileSync(path, 'utf8');
    for (const pattern of GIVING)
      for (const [, reason] of text.matchAll(pattern))
        if (reason !== undefined && !NOT_REASONS.has(reason)) reasons.add(reason);
    for (const [call, given] of Object.entries(HELPERS_GIVING))
      if (text.includes(call)) for (const reason of given) reasons.add(reason);
  }
  return reasons;
}

/**
 * For table-driven rule tests: the reason of the rule violation or conflict `check` throws, or
 * null when it passes. Any other error is rethrown, so a broken check cannot pass as a refusal.
 */
export function refusalReasonOf(check: () => unknown): string | null {
  try {
    check();
    return null;
  } catch (error) {
    const reason = (error as { details?: { reason?: unknown } }).details?.reason;
    if (error instanceof Error && typeof reason === 'string') return reason;
    throw error;
  }
}
