// One "did you mean" for every subgraph's import (unit, title, class and term codes).
export { nearestCode } from '@cadres/subgraph-kit';
