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
import type { TrainingPageQuery, TrainingPageQueryVariables } from '../gql/graphql';

/** Every training question of the page in one request (one round trip on first view). */
export const TRAINING_PAGE = graphql(`
  query TrainingPage($year: Int!, $from: LocalDate!, $to: LocalDate!, $unit: ID) {
    orgUnits {
      id
      name
      children {
        id
        name
      }
    }
    quotaFulfilment(year: $year, orgUnitSubtree: $unit) {
      planCode
      programmeCode
      programmeName
      mode
      orgUnitId
      quota
      nominated
      sent
      fulfilmentPercent
    }
    classSizeStatistics(from: $from, to: $to, orgUnitSubtree: $unit) {
      programmeCode
      programmeName
      category
      mode
      classes
      trainees
      averageSize
      largestClass
      cap
    }
    selectionRatioCompliance(year: $year, orgUnitSubtree: $unit) {
      planCode
      programmeCode
      concentrated
      nonConcentrated
      ratio
      allowedRatio
      allowedNonConcentrated
      compliant
    }
    traineesByCategory(from: $from, to: $to, providerLevel: PROVINCIAL, orgUnitSubtree: $unit) {
      category
      classes
      trainees
    }
    centralCourseAttendance(from: $from, to: $to, orgUnitSubtree: $unit) {
      programmeCode
      programmeName
      category
      trainees
    }
    programmes {
      id
      code
      name
      classes {
        id
        code
        mode
        place
        startDate
        endDate
        maxSize
        seatsTaken
        provider {
          id
          name
        }
      }
    }
  }
`);

/** The refresher categories the article counts ("26 classes, 1,347 trainees since the start of the term"). */
const REFRESHERS = new Set([
  'GRADE_COURSE',
  'LEADERSHIP',
  'COMMUNE_TITLES',
  'OFFICE_CULTURE_ETHICS',
  'ADMINISTRATIVE_REFORM',
  'PEOPLES_COUNCIL_DELEGATES',
]);

/** Defaults: the demo province's reporting period (the term began in October 2020; the article is of April 2023). */
export const TRAINING_DEFAULTS = { year: '2021', from: '2020-10-01', to: '2023-04-30', unit: '' };

type ClassRow = TrainingPageQuery['programmes'][number]['classes'][number] & { programmeName: string };

export function TrainingPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [filters, setFilters] = useFilters(TRAINING_DEFAULTS);
  const variables = {
    year: Number(filters.year) || Number(TRAINING_DEFAULTS.year),
    from: filters.from,
    to: filters.to,
    unit: filters.unit || null,
  };
  const { data, loading, error, refetch } = useQuery(TRAINING_PAGE, { variables });
  return (
    <>
      <h1>{t('training')}</h1>
      <Filters
        key={`${JSON.stringify(filters)}-${data?.orgUnits?.length ?? 0}`}
        values={filters}
        onApply={setFilters}
        fields={[
          { name: 'unit', label: t('orgUnit'), type: 'select', options: unitOptions(t, data?.orgUnits) },
          { name: 'year', label: t('year'), type: 'number' },
          { name: 'from', label: t('from'), type: 'date' },
          { name: 'to', label: t('to'), type: 'date' },
        ]}
      />
      <QueryState loading={loading} error={error} data={data} operation="TrainingPage" onRetry={() => void refetch()}>
        {(page) => <TrainingContent page={page} variables={variables} />}
      </QueryState>
    </>
  );
}

function TrainingContent({ page, variables }: { page: TrainingPageQuery; variables: TrainingPageQueryVariables }) {
  // The gateway's exports of the same statistics, with the page's filters.
  const statistic = (name: string, params: Record<string, string | number | null | undefined>) => ({
    path: `statistics/${name}`,
    params: { ...params, orgUnitSubtree: variables.unit },
  });
  const period = { from: variables.from, to: variables.to };
  const i18n = useI18n();
  const { t, label, number, percent, date } = i18n;
  const refreshers = (page.traineesByCategory ?? []).filter((row) => REFRESHERS.has(row.category));
  const refresherClasses = refreshers.reduce((sum, row) => sum + row.classes, 0);
  const refresherTrainees = refreshers.reduce((sum, row) => sum + row.trainees, 0);
  const centralTotal = (page.centralCourseAttendance ?? []).reduce((sum, row) => sum + row.trainees, 0);
  const today = new Date().toISOString().slice(0, 10);
  const underWay: ClassRow[] = (page.programmes ?? [])
    .flatMap((programme) => programme.classes.map((c) => ({ ...c, programmeName: programme.name })))
    .filter(
      (c) =>
        c.startDate <= today &&
        today <= c.endDate &&
        (c.seatsTaken === null || c.seatsTaken === undefined || c.seatsTaken < c.maxSize),
    )
    .sort((a, b) => a.startDate.localeCompare(b.startDate));
  const classSizes = page.classSizeStatistics ?? [];
  const sizeChart = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 80 },
      xAxis: {
        type: 'category',
        data: classSizes.map((c) => `${c.programmeCode} · ${label(c.mode)}`),
        axisLabel: { rotate: 30, fontSize: 10 },
      },
      yAxis: { type: 'value' },
      series: [
        { name: t('averageSize'), type: 'bar', data: classSizes.map((c) => c.averageSize) },
        { name: t('cap'), type: 'bar', data: classSizes.map((c) => c.cap) },
      ],
    }),
    [classSizes, label, t],
  );
  return (
    <>
      <div className="kpis">
        <Kpi
          id="refreshers"
          label={t('refreshers')}
          value={`${number(refresherClasses)} ${t('classesUnit')}`}
          detail={`${number(refresherTrainees)} ${t('traineesUnit')}`}
        />
        <Kpi id="central" label={t('centralTotal')} value={number(centralTotal)} detail={t('traineesUnit')} />
      </div>
      {page.quotaFulfilment && (
        <DataTable
          id="quota-fulfilment"
          serverExport={statistic('quotaFulfilment', { year: variables.year })}
          caption={t('quotaFulfilment')}
          rows={page.quotaFulfilment}
          columns={[
            {
              header: t('programme'),
              value: (r) => r.programmeCode,
              render: (r) => <span title={r.programmeCode}>{r.programmeName}</span>,
            },
            { header: t('mode'), value: (r) => r.mode, render: (r) => label(r.mode) },
            { header: t('quota'), value: (r) => r.quota, render: (r) => number(r.quota), numeric: true },
            { header: t('nominated'), value: (r) => r.nominated, render: (r) => number(r.nominated), numeric: true },
            { header: t('sent'), value: (r) => r.sent, render: (r) => number(r.sent), numeric: true },
            {
              header: t('fulfilment'),
              value: (r) => r.fulfilmentPercent,
              render: (r) => percent(r.fulfilmentPercent),
              numeric: true,
            },
          ]}
        />
      )}
      {page.classSizeStatistics && (
        <>
          <section className="card">
            <Chart option={sizeChart} label={t('classSizes')} />
          </section>
          <DataTable
            id="class-sizes"
            serverExport={statistic('classSizeStatistics', period)}
            caption={t('classSizes')}
            rows={classSizes}
            columns={[
              {
                header: t('programme'),
                value: (r) => r.programmeCode,
                render: (r) => <span title={r.programmeCode}>{r.programmeName}</span>,
              },
              { header: t('mode'), value: (r) => r.mode, render: (r) => label(r.mode) },
              { header: t('classes'), value: (r) => r.classes, render: (r) => number(r.classes), numeric: true },
              { header: t('trainees'), value: (r) => r.trainees, render: (r) => number(r.trainees), numeric: true },
              {
                header: t('averageSize'),
                value: (r) => r.averageSize,
                render: (r) => number(r.averageSize, 1),
                numeric: true,
              },
              {
                header: t('largestClass'),
                value: (r) => r.largestClass,
                render: (r) => number(r.largestClass),
                numeric: true,
              },
              { header: t('cap'), value: (r) => r.cap, render: (r) => number(r.cap), numeric: true },
            ]}
          />
        </>
      )}
      {page.selectionRatioCompliance && (
        <DataTable
          id="selection-ratio"
          serverExport={statistic('selectionRatioCompliance', { year: variables.year })}
          caption={t('selectionRatio')}
          rows={page.selectionRatioCompliance}
          columns={[
            { header: t('programme'), value: (r) => r.programmeCode },
            {
              header: t('concentrated'),
              value: (r) => r.concentrated,
              render: (r) => number(r.concentrated),
              numeric: true,
            },
            {
              header: t('nonConcentrated'),
              value: (r) => r.nonConcentrated,
              render: (r) => number(r.nonConcentrated),
              numeric: true,
            },
            {
              header: t('allowedNonConcentrated'),
              value: (r) => r.allowedNonConcentrated,
              render: (r) => number(r.allowedNonConcentrated),
              numeric: true,
            },
            {
              header: t('compliant'),
              value: (r) => (r.compliant ? 'yes' : 'no'),
              render: (r) => (
                <span className={r.compliant ? 'ok' : 'bad'}>{r.compliant ? t('compliant') : t('notCompliant')}</span>
              ),
            },
          ]}
        />
      )}
      {page.traineesByCategory && (
        <DataTable
          id="trainees-by-category"
          serverExport={statistic('traineesByCategory', { ...period, providerLevel: 'PROVINCIAL' })}
          caption={t('provincialClasses')}
          rows={page.traineesByCategory}
          columns={[
            { header: t('category'), value: (r) => r.category, render: (r) => label(r.category) },
            { header: t('classes'), value: (r) => r.classes, render: (r) => number(r.classes), numeric: true },
            { header: t('trainees'), value: (r) => r.trainees, render: (r) => number(r.trainees), numeric: true },
          ]}
        />
      )}
      {page.centralCourseAttendance && (
        <DataTable
          id="central-courses"
          serverExport={statistic('centralCourseAttendance', period)}
          caption={t('centralCourses')}
          rows={page.centralCourseAttendance}
          columns={[
            {
              header: t('programme'),
              value: (r) => r.programmeCode,
              render: (r) => <span title={r.programmeCode}>{r.programmeName}</span>,
            },
            { header: t('trainees'), value: (r) => r.trainees, render: (r) => number(r.trainees), numeric: true },
          ]}
          footer={
            <tfoot>
              <tr>
                <th scope="row">{t('total')}</th>
                <td className="numeric" data-total="central-courses">
                  {number(centralTotal)}
                </td>
              </tr>
            </tfoot>
          }
        />
      )}
      {page.programmes && (
        <DataTable
          id="classes-under-way"
          caption={t('classesUnderWay')}
          rows={underWay}
          columns={[
            { header: t('code'), value: (r) => r.code },
            { header: t('programme'), value: (r) => r.programmeName },
            { header: t('mode'), value: (r) => r.mode, render: (r) => label(r.mode) },
            { header: t('provider'), value: (r) => r.provider.name },
            {
              header: t('dates'),
              value: (r) => `${r.startDate}/${r.endDate}`,
              render: (r) => `${date(r.startDate)} – ${date(r.endDate)}`,
            },
            {
              header: t('seatsLeft'),
              value: (r) => (r.seatsTaken === null || r.seatsTaken === undefined ? null : r.maxSize - r.seatsTaken),
              render: (r) =>
                r.seatsTaken === null || r.seatsTaken === undefined
                  ? '—'
                  : `${number(r.maxSize - r.seatsTaken)} / ${number(r.maxSize)}`,
              numeric: true,
            },
          ]}
        />
      )}
    </>
  );
}
