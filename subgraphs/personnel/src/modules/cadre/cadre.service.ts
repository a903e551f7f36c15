import { NotFoundError, parseId } from '@cadres/core';
import { checkPageSize, decodeCursor, encodeCursor } from '@cadres/subgraph-kit';
import type { PersonnelLoaders } from '../../context';
import type { Cadre } from './cadre.entity';
import type { CadreFilter } from './cadre.inputs';
import type { CadreRepository } from './cadre.repository';
import type { CadreConnection } from './cadre.type';

export class CadreService {
  constructor(private readonly cadres: CadreRepository) {}

  async get(rawId: string, loaders: PersonnelLoaders): Promise<Cadre> {
    const id = parseId(rawId);
    const cadre = await loaders.cadreById.load(id);
    if (!cadre) throw new NotFoundError('Cadre', id);
    return cadre;
  }

  async list(filter: CadreFilter, first: number, after: string | undefined): Promise<CadreConnection> {
    checkPageSize(first);
    const keyset = after ? (decodeCursor(after, 2) as [string, string]) : undefined;
    // One row more than asked tells whether another page follows, without a second query.
    const [rows, totalCount] = await Promise.all([this.cadres.findPage({ filter, first: first + 1, after: keyset }), this.cadres.count(filter)]);
    const page = rows.slice(0, first);
    const edges = page.map((node) => ({ node, cursor: encodeCursor([node.fullName, node.id]) }));
    return {
      edges,
      totalCount,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }
}
