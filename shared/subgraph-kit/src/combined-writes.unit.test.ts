import type { EntityManager } from 'typeorm';
import { sendTogether, type Write } from './combined-writes';

/** A transaction that records what it is sent, and fails when told to. */
function recordingManager(fail = false) {
  const sent: { sql: string; parameters: unknown[] }[] = [];
  const manager = {
    query: (sql: string, parameters: unknown[]) => {
      sent.push({ sql, parameters });
      return fail ? Promise.reject(new Error('refused')) : Promise.resolve([]);
    },
  } as unknown as EntityManager;
  return { manager, sent };
}

describe('sendTogether', () => {
  it('sends several writes as one statement, each a WITH query, their parameters renumbered in order', async () => {
    const { manager, sent } = recordingManager();
    const marked: string[] = [];
    const writes: Write[] = [
      { sql: 'UPDATE t SET a = $2 WHERE id = $1', parameters: ['id', 'a'], sent: () => marked.push('update') },
      { sql: 'INSERT INTO log (x, y, z) VALUES ($1, $2, $3)', parameters: [1, 2, 3], sent: () => marked.push('log') },
    ];
    await sendTogether(manager, [writes[0], undefined, writes[1]]);
    expect(sent).toEqual([
      {
        sql: 'WITH w0 AS (UPDATE t SET a = $2 WHERE id = $1), w1 AS (INSERT INTO log (x, y, z) VALUES ($3, $4, $5)) SELECT',
        parameters: ['id', 'a', 1, 2, 3],
      },
    ]);
    expect(marked).toEqual(['update', 'log']);
  });

  it('sends one write as it is, and nothing for none', async () => {
    const { manager, sent } = recordingManager();
    await sendTogether(manager, [undefined, { sql: 'UPDATE t SET a = $1', parameters: [1] }]);
    await sendTogether(manager, [undefined]);
    expect(sent).toEqual([{ sql: 'UPDATE t SET a = $1', parameters: [1] }]);
  });

  it('marks nothing sent when the statement fails', async () => {
    const { manager } = recordingManager(true);
    const marked: string[] = [];
    await expect(
      sendTogether(manager, [
        { sql: 'UPDATE t SET a = $1', parameters: [1], sent: () => marked.push('update') },
        { sql: 'INSERT INTO log VALUES ($1)', parameters: [2], sent: () => marked.push('log') },
      ]),
    ).rejects.toThrow('refused');
    expect(marked).toEqual([]);
  });
});
