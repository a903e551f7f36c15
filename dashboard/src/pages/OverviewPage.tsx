import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { useI18n } from '../app/i18n';
import { useFilters } from '../app/url-state';
import { Chart } from '../components/Chart';
import { DataTable } from '../components/DataTable';
import { Filters, Kpi } from '../components/Filters';
import { QueryState } from '../components/QueryState';
import { unitOptions } from '../components/UnitFilter';
import { graphql } from '../gql';
import type { OverviewPageQuery } from '../gql/graphql';

/**
 * The committee's overview in one request: the personnel figures of the unit's subtree
 * (`personnelOverview`: categories, unit levels, age pyramid, women and ethnic minorities, the
 * retirement wave; one SQL statement), terms ending within 90 days and moves ending within 6
 * months; `orgUnits` fills the unit picker.
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
    personnelOverview(orgUnitSubtree: $unit) {
      total
      women
      womenShare
      ethnicMinorities
      ethnicMinorityShare
      byCategory {
        category
        count
      }
      byUnitLevel {
        level
        count
      }
      agePyramid {
        fromAge
        toAge
        men
        women
      }
      retirements {
        year
        men
        women
      }
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
  const units = unitOptions(t, data?.orgUnits);
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

type Overview = NonNullable<OverviewPageQuery['personnelOverview']>;

/** "< 25", "25–29", …, "≥ 60": the pyramid's bands as people read them. */
function bandLabel(band: Overview['agePyramid'][number]): string {
  if (band.fromAge === 0) return `< ${(band.toAge ?? 0) + 1}`;
  return band.toAge === null ? `≥ ${band.fromAge}` : `${band.fromAge}–${band.toAge}`;
}

function OverviewContent({ page }: { page: OverviewPageQuery }) {
  const { t, number, percent, date, label } = useI18n();
  const overview = page.personnelOverview;
  const total = overview?.total ?? 0;
  const share = (value: number | null | undefined) =>
    value === null || value === undefined ? '—' : percent(100 * value);
  // Memoised on the answer, so that the charts' options change only with it.
  const categories = useMemo(() => overview?.byCategory ?? [], [overview]);
  const pyramid = useMemo(() => overview?.agePyramid ?? [], [overview]);
  const retirements = useMemo(() => overview?.retirements ?? [], [overview]);
  const categoryChart = useMemo(
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
    [categories, label],
  );
  // Men drawn leftwards (negative values), women rightwards; labels and axis show magnitudes.
  const pyramidChart = useMemo(() => {
    const magnitude = (value: number) => number(Math.abs(value));
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (value: number) => magnitude(value),
      },
      legend: { bottom: 0 },
      grid: { left: 60, right: 30, top: 10, bottom: 40 },
      xAxis: { type: 'value', axisLabel: { formatter: magnitude } },
      yAxis: { type: 'category', data: pyramid.map(bandLabel), axisTick: { show: false } },
      series: [
        { name: t('men'), type: 'bar', stack: 'pyramid', data: pyramid.map((b) => -b.men) },
        { name: t('women'), type: 'bar', stack: 'pyramid', data: pyramid.map((b) => b.women) },
      ],
    };
  }, [pyramid, number, t]);
  const retirementChart = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0 },
      grid: { left: 50, right: 20, top: 10, bottom: 40 },
      xAxis: { type: 'category', data: retirements.map((r) => String(r.year)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('men'), type: 'bar', stack: 'retirements', data: retirements.map((r) => r.men) },
        { name: t('women'), type: 'bar', stack: 'retirements', data: retirements.map((r) => r.women) },
      ],
    }),
    [retirements, t],
  );
  return (
    <>
      <div className="kpis">
        <Kpi id="cadres" label={t('cadresTotal')} value={number(total)} />
        <Kpi
          id="women"
          label={t('womenShare')}
          value={share(overview?.womenShare)}
          detail={number(overview?.women ?? 0)}
        />
        <Kpi
          id="minorities"
          label={t('minorityShare')}
          value={share(overview?.ethnicMinorityShare)}
          detail={number(overview?.ethnicMinorities ?? 0)}
        />
      </div>
      <section className="card">
        <h2>{t('cadresByCategory')}</h2>
        <Chart option={categoryChart} label={t('cadresByCategory')} height={260} />
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
      <DataTable
        id="cadres-by-unit-level"
        caption={t('cadresByUnitLevel')}
        rows={overview?.byUnitLevel ?? []}
        columns={[
          { header: t('unitLevel'), value: (r) => r.level, render: (r) => label(r.level) },
          { header: t('count'), value: (r) => r.count, render: (r) => number(r.count), numeric: true },
        ]}
      />
      <section className="card">
        <h2>{t('agePyramid')}</h2>
        <Chart option={pyramidChart} label={t('agePyramid')} height={320} />
      </section>
      <DataTable
        id="age-pyramid"
        caption={t('agePyramid')}
        rows={[...pyramid].reverse()}
        columns={[
          { header: t('ageBand'), value: (r) => bandLabel(r) },
          { header: t('men'), value: (r) => r.men, render: (r) => number(r.men), numeric: true },
          { header: t('women'), value: (r) => r.women, render: (r) => number(r.women), numeric: true },
        ]}
      />
      <section className="card">
        <h2>{t('retirementWave')}</h2>
        <Chart option={retirementChart} label={t('retirementWave')} height={260} />
      </section>
      <DataTable
        id="retirement-wave"
        caption={t('retirementWave')}
        rows={retirements}
        columns={[
          { header: t('retirementYear'), value: (r) => r.year },
          { header: t('men'), value: (r) => r.men, render: (r) => number(r.men), numeric: true },
          { header: t('women'), value: (r) => r.women, render: (r) => number(r.women), numeric: true },
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
