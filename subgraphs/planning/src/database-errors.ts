import { ConflictError } from '@cadres/core';
import { transactionRunner } from '@cadres/subgraph-kit';

/** Planning's transactions: a refused constraint becomes the domain error named here. */
export const PLANNING_CONSTRAINT_ERRORS = {
  planned_title_candidates: () =>
    new ConflictError(
      'CANDIDATE_SLOTS_FULL',
      'The planned title has no candidate slot left in this term.',
      'plannedTitleId',
    ),
  planning_entry_once: () =>
    new ConflictError('ALREADY_PLANNED', 'The cadre is already planned for this title in this term.', 'cadreId'),
  planned_title_once: () =>
    new ConflictError('TITLE_ALREADY_PLANNED', 'This title is already planned for this term and unit.', 'titleId'),
  planning_round_once_a_year: () =>
    new ConflictError('ROUND_EXISTS', 'The term already has a review round this year.', 'year'),
  planning_round_code_unique: () => new ConflictError('ROUND_EXISTS', 'A round with this code exists.', 'code'),
  term_code_unique: () => new ConflictError('DUPLICATE_CODE', 'A term with this code exists.', 'code'),
};

export const inTransaction = transactionRunner(PLANNING_CONSTRAINT_ERRORS);
