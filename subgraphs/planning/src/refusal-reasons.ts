import { registerEnumType } from 'type-graphql';

/**
 * Every reason the planning subgraph gives for refusing a change (`UserError.reason`), so that clients
 * can switch on them; the message beside it stays human. Each subgraph declares its own, under
 * the one GraphQL name: composition makes the supergraph's `RefusalReason` the union of the three.
 * A unit test (refusal-reasons.unit.test.ts) fails when code gives a reason that is not listed here.
 */
export enum RefusalReason {
  ABOVE_RULE_SET_LIMIT = 'ABOVE_RULE_SET_LIMIT',
  ALREADY_CONFIRMED = 'ALREADY_CONFIRMED',
  ALREADY_PLANNED = 'ALREADY_PLANNED',
  CANDIDATE_SLOTS_FULL = 'CANDIDATE_SLOTS_FULL',
  DATE_IN_FUTURE = 'DATE_IN_FUTURE',
  DUPLICATE_CODE = 'DUPLICATE_CODE',
  DUPLICATE_IN_FILE = 'DUPLICATE_IN_FILE',
  END_BEFORE_START = 'END_BEFORE_START',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  NAME_MISMATCH = 'NAME_MISMATCH',
  NOT_ABOVE_CURRENT_POST = 'NOT_ABOVE_CURRENT_POST',
  NOT_A_DATE = 'NOT_A_DATE',
  NOT_ENOUGH_SERVICE_FOR_TERM = 'NOT_ENOUGH_SERVICE_FOR_TERM',
  NOT_FOUND = 'NOT_FOUND',
  NO_MATCHING_APPOINTMENT = 'NO_MATCHING_APPOINTMENT',
  OUTSIDE_TERM = 'OUTSIDE_TERM',
  OUT_OF_RANGE = 'OUT_OF_RANGE',
  PERSONNEL_CHECK_UNAVAILABLE = 'PERSONNEL_CHECK_UNAVAILABLE',
  REQUIRED = 'REQUIRED',
  ROUND_CLOSED = 'ROUND_CLOSED',
  ROUND_EXISTS = 'ROUND_EXISTS',
  ROUND_OF_ANOTHER_TERM = 'ROUND_OF_ANOTHER_TERM',
  STATUS_DIFFERS = 'STATUS_DIFFERS',
  STATUS_NOT_IMPORTABLE = 'STATUS_NOT_IMPORTABLE',
  TERM_CLOSED = 'TERM_CLOSED',
  TERM_WITHOUT_RULE_SET = 'TERM_WITHOUT_RULE_SET',
  TITLE_ALREADY_PLANNED = 'TITLE_ALREADY_PLANNED',
  TITLE_NOT_PLANNED = 'TITLE_NOT_PLANNED',
  TOO_MANY_TITLES = 'TOO_MANY_TITLES',
  UNKNOWN_CADRE = 'UNKNOWN_CADRE',
  UNKNOWN_TERM = 'UNKNOWN_TERM',
  UNKNOWN_TITLE = 'UNKNOWN_TITLE',
}

registerEnumType(RefusalReason, {
  name: 'RefusalReason',
  description:
    'Why a change was refused: the rule or check, e.g. TERM_LIMIT_REACHED (each subgraph lists its own; see UserError.message for the human text).',
});
