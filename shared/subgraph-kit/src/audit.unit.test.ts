import { MutationLog, toAuditJson } from './audit';

describe('MutationLog', () => {
  it('needs an answer row when a root field committed no change, or when none ran at all', () => {
    const refusedBeforeAnyField = new MutationLog();
    expect(refusedBeforeAnyField.needsAnswerRow).toBe(true);

    const committed = new MutationLog();
    committed.fieldStarted('createDecision');
    committed.fieldCommitted('createDecision');
    expect(committed.needsAnswerRow).toBe(false);

    const oneOfTwoRefused = new MutationLog();
    oneOfTwoRefused.fieldStarted('first');
    oneOfTwoRefused.fieldStarted('second');
    oneOfTwoRefused.fieldCommitted('first');
    expect(oneOfTwoRefused.needsAnswerRow).toBe(true);
  });
});

describe('toAuditJson', () => {
  it('keeps a service outcome as JSON: dates as ISO strings, cycles cut, functions dropped', () => {
    const decision: Record<string, unknown> = {
      id: 'd1',
      signedOn: new Date('2026-01-05T00:00:00Z'),
      cancel: () => undefined,
    };
    const assignment = { id: 'a1', decision };
    decision.assignments = [assignment];
    expect(toAuditJson(decision)).toEqual({
      id: 'd1',
      signedOn: '2026-01-05T00:00:00.000Z',
      assignments: [{ id: 'a1', decision: '[…]' }],
    });
    expect(JSON.stringify(toAuditJson({ count: 10n, nothing: undefined }))).toBe('{"count":"10","nothing":null}');
  });
});
