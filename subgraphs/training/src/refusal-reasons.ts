import { registerEnumType } from 'type-graphql';

/**
 * Every reason the training subgraph gives for refusing a change (`UserError.reason`), so that clients
 * can switch on them; the message beside it stays human. Each subgraph declares its own, under
 * the one GraphQL name: composition makes the supergraph's `RefusalReason` the union of the three.
 * A unit test (refusal-reasons.unit.test.ts) fails when code gives a reason that is not listed here.
 */
export enum RefusalReason {
  ALREADY_BROKEN = 'ALREADY_BROKEN',
  ALREADY_ENROLLED = 'ALREADY_ENROLLED',
  CLASS_FULL = 'CLASS_FULL',
  CLASS_OVER = 'CLASS_OVER',
  COMMITMENT_SERVED = 'COMMITMENT_SERVED',
  DATE_IN_FUTURE = 'DATE_IN_FUTURE',
  DEGREE_REQUIRED = 'DEGREE_REQUIRED',
  DID_NOT_ATTEND = 'DID_NOT_ATTEND',
  DUPLICATE_CODE = 'DUPLICATE_CODE',
  DUPLICATE_IN_FILE = 'DUPLICATE_IN_FILE',
  DUPLICATE_QUOTA = 'DUPLICATE_QUOTA',
  END_BEFORE_START = 'END_BEFORE_START',
  EVALUATIONS_INSUFFICIENT = 'EVALUATIONS_INSUFFICIENT',
  INVALID_COUNTRY = 'INVALID_COUNTRY',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  NAME_MISMATCH = 'NAME_MISMATCH',
  NOT_AN_AMOUNT = 'NOT_AN_AMOUNT',
  NOT_FOUND = 'NOT_FOUND',
  NOT_PARTY_MEMBER = 'NOT_PARTY_MEMBER',
  ONLY_WHEN_COMPLETED = 'ONLY_WHEN_COMPLETED',
  OUT_OF_RANGE = 'OUT_OF_RANGE',
  PERSONNEL_CHECK_UNAVAILABLE = 'PERSONNEL_CHECK_UNAVAILABLE',
  QUALIFICATION_ALREADY_GRANTED = 'QUALIFICATION_ALREADY_GRANTED',
  QUOTA_AMBIGUOUS = 'QUOTA_AMBIGUOUS',
  QUOTA_EXCEEDED = 'QUOTA_EXCEEDED',
  QUOTA_MISMATCH = 'QUOTA_MISMATCH',
  REQUIRED = 'REQUIRED',
  RULE_VERSION_EXISTS = 'RULE_VERSION_EXISTS',
  TITLE_NOT_ELIGIBLE = 'TITLE_NOT_ELIGIBLE',
  TOO_OLD_FOR_POSTGRADUATE = 'TOO_OLD_FOR_POSTGRADUATE',
  TOO_YOUNG_FOR_NON_CONCENTRATED = 'TOO_YOUNG_FOR_NON_CONCENTRATED',
  UNKNOWN_CADRE = 'UNKNOWN_CADRE',
  UNKNOWN_CLASS = 'UNKNOWN_CLASS',
  UNKNOWN_LEVEL = 'UNKNOWN_LEVEL',
}

registerEnumType(RefusalReason, {
  name: 'RefusalReason',
  description:
    'Why a change was refused: the rule or check, e.g. TERM_LIMIT_REACHED (each subgraph lists its own; see UserError.message for the human text).',
});
