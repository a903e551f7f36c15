import type { DataSource } from 'typeorm';
import { mutationAuditPlugin } from './audit';

/** Runs the plugin's hook for one mutation answered with `{ renew: { id: 'a' } }`. */
async function auditOneMutation(query: jest.Mock) {
  const logger = { error: jest.fn() };
  const hooks = await mutationAuditPlugin({ query } as unknown as DataSource).requestDidStart!({} as never);
  await hooks!.willSendResponse!({
    operation: { operation: 'mutation', name: { value: 'Renew__personnel__0' } },
    request: { operationName: 'Renew__personnel__0', query: 'mutation Renew__personnel__0 { renew { id } }', variables: { id: 'a' } },
    response: { body: { kind: 'single', singleResult: { data: { renew: { id: 'a' } } } } },
    contextValue: { identity: { subject: 'organizer-1', role: 'ORGANIZER' }, requestId: 'req-1', logger },
  } as never);
  return logger;
}

describe('mutationAuditPlugin', () => {
  it("records who sent a mutation, the client's operation name, the input and the answer", async () => {
    const query = jest.fn().mockResolvedValue([]);
    await auditOneMutation(query);
    expect(query.mock.calls[0][1]).toEqual(['organizer-1', 'ORGANIZER', 'req-1', 'Renew', 'mutation Renew__personnel__0 { renew { id } }', { id: 'a' }, { renew: { id: 'a' } }, null]);
  });

  it('logs the whole record, and still answers, when the audit table cannot be written after the change committed', async () => {
    const logger = await auditOneMutation(jest.fn().mockRejectedValue(new Error('connection lost')));
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({ mutationAudit: expect.objectContaining({ actor: 'organizer-1', operation: 'Renew', variables: { id: 'a' } }) }),
      'mutation audit not written',
    );
  });
});
