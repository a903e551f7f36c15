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
import type { PlanningPageQuery } from '../gql/graphql';

/**
 * The planning questions of one term in one request, of one unit's subtree when filtered; `terms`
 * and `orgUnits` fill the pickers.
 */
export const PLANNING_PAGE = graphql(`
  query PlanningPage($termCode: String!, $unit: ID) {
    terms {
      id
      code
    }
    orgUnits {
      id
      name
      children {
        id
        name
      }
    }
    benchStrength(termCode: $termCode, orgUnitSubtree: $unit) {
      candidates
      titles
    }
    poolComposition(termCode: $termCode, orgUnitSubtree: $unit) {
      termCode
      cadres
      young
      youngPercent
      youngTargetPercent
      women
      womenPercent
      womenTargetPercent
      ethnicMinorities
      ethnicMinorityPercent
      meetsTargets
      ageBrackets {
        label
        cadres
      }
    }
    successionRisks(termCode: $termCode, orgUnitSubtree: $unit) {
      plannedTitleId
      incumbentId
      incumbentRetiresOn
      candidates
      title {
        id
        name
      }
    }
    planningRoundChanges(termCode: $termCode, orgUnitSubtree: $unit) {
      roundCode
      additions
      flagged
      removals {
        reason
        count
      }
    }
  }
`);

/** The demo's current strategic term (2026–2031 is the one being planned). */
export const PLANNING_DEFAULTS = { term: '2025-2030', unit: '' };

export function PlanningPage() {
  const { t } = useI18n();
  const [filters, setFilters] = useFilters(PLANNING_DEFAULTS);
  const variables = { termCode: filters.term, unit: filters.unit || null };
  const { data, loading, error, refetch } = useQuery(PLANNING_PAGE, { variables });
  const terms = data?.terms?.map((term) => ({ value: term.code, label: term.code })) ?? [
    { value: filters.term, label: filters.term },
  ];
  return (
    <>
      <h1>{t('planning')}</h1>
      <Filters
        key={`${JSON.stringify(filters)}-${terms.length}-${data?.orgUnits?.length ?? 0}`}
        values={filters}
        onApply={setFilters}
        fields={[
          { name: 'unit', label: t('orgUnit'), type: 'select', options: unitOptions(t, data?.orgUnits) },
          { name: 'term', label: t('term'), type: 'select', options: terms },
        ]}
      />
      <QueryState loading={loading} error={error} data={data} operation="PlanningPage" onRetry={() => void refetch()}>
        {(page) => (
          <PlanningContent page={page} params={{ termCode: variables.termCode, orgUnitSubtree: variables.unit }} />
        )}
      </QueryState>
    </>
  );
}

/** The gateway's exports of the same statistics take the page's filters (`params`). */
function PlanningContent({
  page,
  params,
}: {
  page: PlanningPageQuery;
  params: { termCode: string; orgUnitSubtree: string | null };
}) {
  const { t, number, percent, date } = useI18n();
  const bench = page.benchStrength ?? [];
  const benchLabel = (candidates: number) =>
    t(
      candidates <= 0
        ? 'candidates0'
        : candidates === 1
          ? 'candidates1'
          : candidates === 2
            ? 'candidates2'
            : 'candidates3',
    );
  const pool = page.poolComposition;
  const benchChart = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: bench.map((b) => benchLabel(b.candidates)) },
      yAxis: { type: 'value' },
      series: [{ name: t('title'), type: 'bar', data: bench.map((b) => b.titles), itemStyle: { color: '#a3161a' } }],
    }),
    [bench, t],
  );
  return (
    <>
      {pool && (
        <div className="kpis">
          <Kpi
            id="young"
            label={t('young')}
            value={percent(pool.youngPercent)}
            detail={`${t('target')} ≥ ${percent(pool.youngTargetPercent)} · ${number(pool.young)}`}
          />
          <Kpi
            id="women"
            label={t('women')}
            value={percent(pool.womenPercent)}
            detail={`${t('target')} ≥ ${percent(pool.womenTargetPercent)} · ${number(pool.women)}`}
          />
          <Kpi
            id="minorities"
            label={t('minorities')}
            value={percent(pool.ethnicMinorityPercent)}
            detail={number(pool.ethnicMinorities)}
          />
        </div>
      )}
      {page.benchStrength && (
        <>
          <section className="card">
            <h2>{t('benchStrength')}</h2>
            <Chart option={benchChart} label={t('benchStrength')} height={240} />
          </section>
          <DataTable
            id="bench-strength"
            serverExport={{ path: 'statistics/benchStrength', params }}
            caption={t('benchStrength')}
            rows={bench}
            columns={[
              { header: t('candidatesHeader'), value: (r) => r.candidates, render: (r) => benchLabel(r.candidates) },
              { header: t('title'), value: (r) => r.titles, render: (r) => number(r.titles), numeric: true },
            ]}
          />
        </>
      )}
      {pool && (
        <DataTable
          id="age-brackets"
          caption={t('poolComposition')}
          rows={pool.ageBrackets}
          columns={[
            { header: t('category'), value: (r) => r.label },
            { header: t('count'), value: (r) => r.cadres, render: (r) => number(r.cadres), numeric: true },
          ]}
        />
      )}
      {page.successionRisks && (
        <DataTable
          id="succession-risks"
          serverExport={{ path: 'statistics/successionRisks', params }}
          caption={t('successionRisks')}
          rows={page.successionRisks}
          columns={[
            { header: t('title'), value: (r) => r.title?.name ?? r.plannedTitleId },
            {
              header: t('retirementDate'),
              value: (r) => r.incumbentRetiresOn,
              render: (r) => date(r.incumbentRetiresOn),
            },
            {
              header: t('candidatesHeader'),
              value: (r) => r.candidates,
              render: (r) => number(r.candidates),
              numeric: true,
            },
          ]}
        />
      )}
      {page.planningRoundChanges && (
        <DataTable
          id="round-changes"
          caption={t('roundChanges')}
          rows={page.planningRoundChanges}
          columns={[
            { header: t('round'), value: (r) => r.roundCode },
            { header: t('added'), value: (r) => r.additions, render: (r) => number(r.additions), numeric: true },
            {
              header: t('removed'),
              value: (r) => r.removals.reduce((sum, removal) => sum + removal.count, 0),
              render: (r) => number(r.removals.reduce((sum, removal) => sum + removal.count, 0)),
              numeric: true,
            },
          ]}
        />
      )}
    </>
  );
}
