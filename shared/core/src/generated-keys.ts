import { demoKeys } from './demo-keys';
import { deterministicUuid } from './ids';
import { SeededRandom } from './random';

/**
 * The generated datasets (a province of ≈ 30,000 cadres, a national sample of ≈ 1,000,000) add
 * cadres after the demo province's, numbered on from it. Each subgraph's generator derives the same
 * facts from (seed, number) alone, as the demo seeds do from `demoKeys`, so the three load in
 * parallel without reading each other's tables.
 */
export interface GeneratedDataset {
  /** Cadres in all, the demo province's included. */
  cadres: number;
  seed: number;
}

/**
 * A generator's progress line on stdout, one JSON object each, read by the launcher
 * (`npm run generate`): `{ rows, cadres }` after each chunk, `{ done: true, rows, ms }` at the end.
 */
export interface GeneratorProgress {
  rows: number;
  cadres?: number;
  done?: boolean;
  ms?: number;
}

export interface GeneratedCadreFacts {
  number: number;
  id: string;
  sex: 'MALE' | 'FEMALE';
  dateOfBirth: string;
  ethnicity: string;
  /** The generated work unit the cadre belongs to today. */
  unit: number;
}

/** Roughly a north-western province's mix: Thái and Mông majorities, then Kinh, Khơ Mú, Dao, Hà Nhì. */
export const ETHNIC_MIX = [
  'Thái',
  'Thái',
  'Thái',
  'Thái',
  'Mông',
  'Mông',
  'Mông',
  'Kinh',
  'Kinh',
  'Kinh',
  'Khơ Mú',
  'Dao',
  'Hà Nhì',
];

const CADRES_PER_UNIT = 25;
const pad = (n: number) => String(n).padStart(2, '0');

export const generatedKeys = {
  firstCadre: demoKeys.cadreCount + 1,
  cadresPerUnit: CADRES_PER_UNIT,
  cadreId: demoKeys.cadreId,
  unitId: (unit: number) => deterministicUuid(`generated:org-unit:${unit}`),
  /** A generated cadre's enrollment in the class of their cohort's `slot` (0: every cadre has one). */
  enrollmentId: (number: number, slot: number) => deterministicUuid(`generated:enrollment:${number}:${slot}`),
  unitCode: (unit: number) => `GEN-${unit}`,
  unitOf: (number: number) => Math.floor((number - demoKeys.cadreCount - 1) / CADRES_PER_UNIT),
  unitCount: (dataset: GeneratedDataset) =>
    Math.ceil(Math.max(0, dataset.cadres - demoKeys.cadreCount) / CADRES_PER_UNIT),
  /** The generated cadres' numbers, in chunks of `size` (each subgraph loads chunk by chunk). */
  *chunks(dataset: GeneratedDataset, size: number): Generator<number[]> {
    for (let first = demoKeys.cadreCount + 1; first <= dataset.cadres; first += size) {
      const last = Math.min(dataset.cadres, first + size - 1);
      yield Array.from({ length: last - first + 1 }, (_, i) => first + i);
    }
  },
  /** A random generator of one cadre's own: the same (seed, number, purpose) always gives the same draws. */
  random: (seed: number, number: number, purpose: string) => new SeededRandom(hash(`${seed}:${number}:${purpose}`)),
  facts(seed: number, number: number): GeneratedCadreFacts {
    const r = generatedKeys.random(seed, number, 'facts');
    const sex = r.chance(0.45) ? 'FEMALE' : 'MALE';
    return {
      number,
      id: demoKeys.cadreId(number),
      sex,
      dateOfBirth: `${r.int(1966, 2000)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`,
      ethnicity: r.pick(ETHNIC_MIX),
      unit: generatedKeys.unitOf(number),
    };
  },
};

/** FNV-1a: a stable 32-bit seed from a string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
