import { must } from '@cadres/core';
import { ReferenceTable, type ReferenceCache } from './reference-cache';

interface Row {
  id: string;
  name: string;
}

/** A table whose loads are counted, and a cache whose listening the test switches. */
function setup(rows: Row[]) {
  const cache = { listening: true } as ReferenceCache;
  const calls = { all: 0, byIds: [] as string[][] };
  const table = new ReferenceTable<Row>(cache, {
    table: () => 'thing',
    loadAll: async () => {
      calls.all += 1;
      return rows.map((r) => ({ ...r }));
    },
    loadByIds: async (ids) => {
      calls.byIds.push([...ids]);
      return rows.filter((r) => ids.includes(r.id));
    },
  });
  return { cache, calls, table, rows };
}

describe('ReferenceTable', () => {
  it('loads the whole table once, then answers from memory', async () => {
    const { calls, table } = setup([
      { id: 'a', name: 'A' },
      { id: 'b', name: 'B' },
    ]);
    expect(await table.findByIds(['a'])).toEqual([{ id: 'a', name: 'A' }]);
    expect(await table.findByIds(['b', 'a'])).toEqual([
      { id: 'b', name: 'B' },
      { id: 'a', name: 'A' },
    ]);
    expect(calls).toEqual({ all: 1, byIds: [] });
  });

  it('looks up in the database only the ids it does not hold (a row created a moment ago)', async () => {
    const { calls, table, rows } = setup([{ id: 'a', name: 'A' }]);
    await table.findByIds(['a']);
    rows.push({ id: 'new', name: 'New' });
    expect(await table.findByIds(['a', 'new', 'unknown'])).toEqual([
      { id: 'a', name: 'A' },
      { id: 'new', name: 'New' },
    ]);
    expect(calls.byIds).toEqual([['new', 'unknown']]);
  });

  it('reloads after a change notice', async () => {
    const { calls, table, rows } = setup([{ id: 'a', name: 'A' }]);
    await table.findByIds(['a']);
    must(rows[0], 'the row set up').name = 'A, renamed';
    table.invalidate();
    expect(await table.findByIds(['a'])).toEqual([{ id: 'a', name: 'A, renamed' }]);
    expect(calls.all).toBe(2);
  });

  it('does not keep a load that a change notice overtook', async () => {
    const { calls, table, rows } = setup([{ id: 'a', name: 'A' }]);
    const racing = table.findByIds(['a']);
    must(rows[0], 'the row set up').name = 'A, renamed';
    table.invalidate();
    await racing;
    expect(await table.findByIds(['a'])).toEqual([{ id: 'a', name: 'A, renamed' }]);
    expect(calls.all).toBe(2);
  });

  it('reads from the database every time while not listening for changes', async () => {
    const { cache, calls, table } = setup([{ id: 'a', name: 'A' }]);
    cache.listening = false;
    await table.findByIds(['a']);
    await table.findByIds(['a']);
    expect(await table.all()).toBeNull();
    expect(calls).toEqual({ all: 0, byIds: [['a'], ['a']] });
  });
});
