import { StatementNames } from './prepared-statements';

describe('StatementNames', () => {
  it('names each distinct parameterised text once, the same name every time', () => {
    const names = new StatementNames(10);
    const byId = names.nameOf('SELECT * FROM cadre WHERE id = $1', 1);
    expect(byId).toBeDefined();
    expect(names.nameOf('SELECT * FROM cadre WHERE id = $1', 1)).toBe(byId);
    expect(names.nameOf('SELECT * FROM title WHERE id = $1', 1)).not.toBe(byId);
    expect(names.size).toBe(2);
  });

  it('leaves unnamed what has no parameters, too many, or a text too long to be a regular query', () => {
    const names = new StatementNames(10);
    expect(names.nameOf('COMMIT', 0)).toBeUndefined();
    expect(names.nameOf('INSERT INTO cadre VALUES ($1 … $65)', 65)).toBeUndefined();
    expect(names.nameOf(`SELECT 1 WHERE $1 ${' '.repeat(8_000)}`, 1)).toBeUndefined();
    expect(names.size).toBe(0);
  });

  it('names no more texts than its limit; the rest run unnamed', () => {
    const names = new StatementNames(2);
    expect(names.nameOf('SELECT $1::int', 1)).toBeDefined();
    expect(names.nameOf('SELECT $1::text', 1)).toBeDefined();
    expect(names.nameOf('SELECT $1::date', 1)).toBeUndefined();
    expect(names.nameOf('SELECT $1::int', 1)).toBeDefined();
  });
});
