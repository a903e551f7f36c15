import { demoKeys } from '@cadres/core';
import { demoCadres } from './demo-data';

describe('demo cadres', () => {
  const cadres = demoCadres();

  it('are the same on every run', () => {
    expect(demoCadres()).toEqual(cadres);
  });

  it('have unique, well-formed personal ID numbers and NFC names', () => {
    expect(cadres).toHaveLength(demoKeys.cadreCount);
    expect(new Set(cadres.map((c) => c.personalIdNumber)).size).toBe(cadres.length);
    for (const cadre of cadres) {
      expect(cadre.personalIdNumber).toMatch(/^[0-9]{12}$/);
      expect(cadre.fullName).toBe(cadre.fullName!.normalize('NFC'));
    }
  });

  it('start with the README example', () => {
    expect(cadres[0]).toMatchObject({ id: demoKeys.cadreId(1), fullName: 'Lò Văn Minh' });
  });
});
