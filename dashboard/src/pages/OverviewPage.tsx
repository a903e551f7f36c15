import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { useI18n } from '../app/i18n';
import { useFilters } from '../app/url-state';
import { Chart } from '../components/Chart';
import { DataTable } from '../components/DataTable';
import { Filters, Kpi } from '../components/Filters';
import { QueryState } from '../components/QueryState';
import { graphql } from '../gql';
import type { OverviewPageQuery } from '../gql/graphql';

/**
 * The committee's overview in one request: head counts of the unit's subtree (by category, women,
 * ethnic minorities: counts of `cadres` under filters, one SQL count each), terms ending within 90
 * days and moves ending within 6 months; `orgUnits` fills the unit picker.
 */
export const OVERVIEW_PAGE = graphql(`
  query OverviewPage($unit: ID) {
    orgUnits {
      id
      name
      children {
        id
        name
      }
    }
    all: cadres(first: 1, filter: { orgUnitSubtree: $unit }) {
      totalCount
    }
    elected: cadres(first: 1, filter: { orgUnitSubtree: $unit, category: ELECTED_CADRE }) {
      totalCount
    }
    civilServants: cadres(first: 1, filter: { orgUnitSubtree: $unit, category: CIVIL_SERVANT }) {
      totalCount
    }
    publicEmployees: cadres(first: 1, filter: { orgUnitSubtree: $unit, category: PUBLIC_EMPLOYEE }) {
      totalCount
    }
    partTime: cadres(first: 1, filter: { orgUnitSubtree: $unit, category: PART_TIME }) {
      totalCount
    }
    women: cadres(first: 1, filter: { orgUnitSubtree: $unit, sex: FEMALE }) {
      totalCount
    }
    minorities: cadres(first: 1, filter: { orgUnitSubtree: $unit, ethnicMinority: true }) {
      totalCount
    }
    appointmentsExpiring(withinDays: 90) {
      id
      termEndsOn
      cadre {
        id
        fullName
      }
      assignment {
        id
        title {
          id
          name
        }
        orgUnit {
          id
          name
        }
      }
    }
    mobilitiesEnding(withinDays: 183) {
      id
      kind
      purpose
      plannedEndOn
      cadre {
        id
        fullName
      }
      toOrgUnit {
        id
        name
      }
    }
  }
`);

export function OverviewPage() {
  const { t } = useI18n();
  const [filters, setFilters] = useFilters({ unit: '' });
  const { data, loading, error, refetch } = useQuery(OVERVIEW_PAGE, { variables: { unit: filters.unit || null } });
  const units = [
    { value: '', label: t('allUnits') },
    ...(data?.orgUnits ?? []).flatMap((root) => [
      { value: root.id, label: root.name },
      ...root.children.map((child) => ({ value: child.id, label: `— ${child.name}` })),
    ]),
  ];
  return (
    <>
      <h1>{t('overview')}</h1>
      <Filters
        key={`${filters.unit}-${units.length}`}
        values={filters}
        onApply={setFilters}
        fields={[{ name: 'unit', label: t('orgUnit'), type: 'select', options: units }]}
      />
      <QueryState loading={loading} error={error} data={data} operation="OverviewPage" onRetry={() => void refetch()}>
        {(page) => <OverviewContent page={page} />}
      </QueryState>
    </>
  );
}

function OverviewContent({ page }: { page: OverviewPageQuery }) {
  const { t, number, percent, date, label } = useI18n();
  const total = page.all?.totalCount ?? 0;
  const share = (count: number | undefined) => (total && count !== undefined ? percent((100 * count) / total) : '—');
  const categories = [
    { category: 'ELECTED_CADRE', count: page.elected?.totalCount ?? 0 },
    { category: 'CIVIL_SERVANT', count: page.civilServants?.totalCount ?? 0 },
    { category: 'PUBLIC_EMPLOYEE', count: page.publicEmployees?.totalCount ?? 0 },
    { category: 'PART_TIME', count: page.partTime?.totalCount ?? 0 },
  ];
  const chart = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          data: categories.map((c) => ({ name: label(c.category), value: c.count })),
        },
      ],
    }),
    [JSON.stringify(categories), label],
  );
  return (
    <>
      <div className="kpis">
        <Kpi id="cadres" label={t('cadresTotal')} value={number(total)} />
        <Kpi
          id="women"
          label={t('womenShare')}
          value={share(page.women?.totalCount)}
          detail={number(page.women?.totalCount ?? 0)}
        />
        <Kpi
          id="minorities"
          label={t('minorityShare')}
          value={share(page.minorities?.totalCount)}
          detail={number(page.minorities?.totalCount ?? 0)}
        />
      </div>
      <section className="card">
        <h2>{t('cadresByCategory')}</h2>
        <Chart option={chart} label={t('cadresByCategory')} height={260} />
      </section>
      <DataTable
        id="cadres-by-category"
        caption={t('cadresByCategory')}
        rows={categories}
        columns={[
          { header: t('category'), value: (r) => r.category, render: (r) => label(r.category) },
          { header: t('count'), value: (r) => r.count, render: (r) => number(r.count), numeric: true },
        ]}
      />
      {page.appointmentsExpiring && (
        <DataTable
          id="appointments-expiring"
          caption={t('appointmentsExpiring')}
          rows={page.appointmentsExpiring}
          columns={[
            { header: t('fullName'), value: (r) => r.cadre?.fullName ?? null },
            { header: t('post'), value: (r) => r.assignment.title.name },
            { header: t('orgUnit'), value: (r) => r.assignment.orgUnit.name },
            { header: t('termEndsOn'), value: (r) => r.termEndsOn ?? null, render: (r) => date(r.termEndsOn) },
          ]}
        />
      )}
      {page.mobilitiesEnding && (
        <DataTable
          id="mobilities-ending"
          caption={t('mobilitiesEnding')}
          rows={page.mobilitiesEnding}
          columns={[
            { header: t('fullName'), value: (r) => r.cadre?.fullName ?? null },
            { header: t('kind'), value: (r) => r.kind, render: (r) => label(r.kind) },
            { header: t('orgUnit'), value: (r) => r.toOrgUnit.name },
            { header: t('plannedEnd'), value: (r) => r.plannedEndOn ?? null, render: (r) => date(r.plannedEndOn) },
          ]}
        />
      )}
    </>
  );
}
