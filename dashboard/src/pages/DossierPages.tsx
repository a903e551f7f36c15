import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useI18n } from '../app/i18n';
import { navigate, useFilters } from '../app/url-state';
import { DataTable } from '../components/DataTable';
import { QueryState } from '../components/QueryState';
import { unitOptions } from '../components/UnitFilter';
import { graphql } from '../gql';
import type { CadreDossierPageQuery } from '../gql/graphql';

/** The search: `cadres(filter: { search })` ignores case and Vietnamese diacritics ("nguyen van an"). */
export const CADRE_SEARCH = graphql(`
  query CadreSearch($search: String, $unit: ID, $first: Int!) {
    orgUnits {
      id
      name
      children {
        id
        name
      }
    }
    cadres(first: $first, filter: { search: $search, orgUnitSubtree: $unit }) {
      totalCount
      edges {
        node {
          id
          fullName
          dateOfBirth
          sex
          category
          orgUnit {
            id
            name
          }
          currentAssignments {
            id
            title {
              id
              name
            }
          }
        }
      }
    }
  }
`);

/**
 * The one-request dossier: personnel, training and planning data of one cadre. Sensitive fields
 * (pii, party) are only asked for by roles that may read them: a VIEWER's page never carries them.
 */
export const CADRE_DOSSIER = graphql(`
  query CadreDossierPage($id: ID!, $sensitive: Boolean!) {
    cadre(id: $id) {
      id
      fullName
      sex
      dateOfBirth
      ethnicity
      category
      hometown
      retirementDate
      personalIdNumber @include(if: $sensitive)
      religion @include(if: $sensitive)
      partyAdmissionDate @include(if: $sensitive)
      politicalTheoryLevel
      stateManagementLevel
      orgUnit {
        id
        name
      }
      currentAssignments {
        id
        startsOn
        title {
          id
          name
        }
        orgUnit {
          id
          name
        }
        appointments {
          id
          termEndsOn
        }
      }
      careerHistory(includeCancelled: false) {
        __typename
        ... on Assignment {
          id
          startsOn
          endsOn
          acting
          title {
            id
            name
          }
          orgUnit {
            id
            name
          }
        }
        ... on Mobility {
          id
          kind
          purpose
          startsOn
          plannedEndOn
          fromOrgUnit {
            id
            name
          }
          toOrgUnit {
            id
            name
          }
        }
      }
      trainingHistory {
        id
        status
        mode
        resultRating
        programme {
          id
          name
        }
        class {
          id
          code
          startDate
          endDate
        }
        provider {
          id
          name
        }
      }
      planningHistory {
        id
        status
        readiness
        term {
          id
          code
        }
        title {
          id
          name
        }
        standardsGap @include(if: $sensitive) {
          meetsStandard
          lacking {
            criterion
            required
            held
            closingProgrammes {
              id
              code
              name
            }
          }
        }
      }
    }
  }
`);

export function DossierSearchPage() {
  const { t, number, date, label } = useI18n();
  const [filters, setFilters] = useFilters({ q: '', unit: '' });
  const [draft, setDraft] = useState(filters.q);
  const [unit, setUnit] = useState(filters.unit);
  const { data, loading, error, refetch } = useQuery(CADRE_SEARCH, {
    variables: { search: filters.q || null, unit: filters.unit || null, first: 50 },
  });
  return (
    <>
      <h1>{t('dossiers')}</h1>
      <form
        className="filters no-print"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setFilters({ q: draft.trim(), unit });
        }}
      >
        <label>
          <span>{t('orgUnit')}</span>
          <select name="unit" value={unit} onChange={(e) => setUnit(e.target.value)}>
            {unitOptions(t, data?.orgUnits).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          <span>{t('search')}</span>
          <input name="q" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <button type="submit">{t('searchButton')}</button>
      </form>
      <QueryState loading={loading} error={error} data={data} operation="CadreSearch" onRetry={() => void refetch()}>
        {(page) => (
          <DataTable
            id="cadres"
            serverExport={{ path: 'cadres', params: { search: filters.q, orgUnitSubtree: filters.unit } }}
            caption={`${number(page.cadres.totalCount)} ${t('results')}`}
            rows={page.cadres.edges.map((edge) => edge.node)}
            columns={[
              {
                header: t('fullName'),
                value: (r) => r.fullName,
                render: (r) => (
                  <a
                    href={`/dashboard/dossiers/${r.id}`}
                    onClick={(event) => {
                      event.preventDefault();
                      navigate(`/dossiers/${r.id}`);
                    }}
                  >
                    {r.fullName}
                  </a>
                ),
              },
              { header: t('dateOfBirth'), value: (r) => r.dateOfBirth, render: (r) => date(r.dateOfBirth) },
              { header: t('sex'), value: (r) => r.sex, render: (r) => label(r.sex) },
              { header: t('category'), value: (r) => r.category, render: (r) => label(r.category) },
              { header: t('post'), value: (r) => r.currentAssignments.map((a) => a.title.name).join('; ') },
              { header: t('orgUnit'), value: (r) => r.orgUnit.name },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}

type Dossier = NonNullable<CadreDossierPageQuery['cadre']>;

interface TimelineEvent {
  on: string;
  until: string | null | undefined;
  kind: 'post' | 'move' | 'trainingEvent' | 'planningEvent';
  text: string;
}

function timelineOf(cadre: Dossier, label: (code: string) => string): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const event of cadre.careerHistory) {
    if (event.__typename === 'Assignment')
      events.push({
        on: event.startsOn,
        until: event.endsOn,
        kind: 'post',
        text: `${event.title.name} · ${event.orgUnit.name}`,
      });
    if (event.__typename === 'Mobility')
      events.push({
        on: event.startsOn,
        until: event.plannedEndOn,
        kind: 'move',
        text: `${label(event.kind)}: ${event.fromOrgUnit.name} → ${event.toOrgUnit.name} (${event.purpose})`,
      });
  }
  for (const enrollment of cadre.trainingHistory ?? []) {
    events.push({
      on: enrollment.class.startDate,
      until: enrollment.class.endDate,
      kind: 'trainingEvent',
      text: `${enrollment.programme.name} · ${enrollment.class.code} · ${enrollment.provider.name} (${label(enrollment.mode)}, ${label(enrollment.status)})`,
    });
  }
  for (const entry of cadre.planningHistory ?? []) {
    events.push({
      on: entry.term.code.slice(0, 4) + '-01-01',
      until: null,
      kind: 'planningEvent',
      text: `${entry.term.code}: ${entry.title?.name ?? '—'} (${label(entry.status)})`,
    });
  }
  return events.sort((a, b) => a.on.localeCompare(b.on));
}

export function DossierPage({ id, sensitive }: { id: string; sensitive: boolean }) {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(CADRE_DOSSIER, { variables: { id, sensitive } });
  return (
    <>
      <p className="no-print">
        <a
          href="/dashboard/dossiers"
          onClick={(event) => {
            event.preventDefault();
            history.back();
          }}
        >
          ← {t('back')}
        </a>
      </p>
      <QueryState
        loading={loading}
        error={error}
        data={data?.cadre ? data : undefined}
        operation="CadreDossierPage"
        onRetry={() => void refetch()}
      >
        {(page) => <DossierProfile cadre={page.cadre!} sensitive={sensitive} />}
      </QueryState>
    </>
  );
}

function DossierProfile({ cadre, sensitive }: { cadre: Dossier; sensitive: boolean }) {
  const { t, date, label } = useI18n();
  const fact = (key: Parameters<typeof t>[0], value: string | null | undefined, field: string) => (
    <div className="fact" data-field={field}>
      <dt>{t(key)}</dt>
      <dd>{value ?? '—'}</dd>
    </div>
  );
  const gaps = (cadre.planningHistory ?? []).flatMap((entry) =>
    (entry.standardsGap?.lacking ?? []).map((item) => ({ entry, item })),
  );
  return (
    <article className="dossier">
      <header className="card-header">
        <h1>{cadre.fullName}</h1>
        <button type="button" className="no-print" onClick={() => window.print()}>
          {t('print')}
        </button>
      </header>
      <section className="card">
        <dl className="facts">
          {fact('dateOfBirth', date(cadre.dateOfBirth), 'dateOfBirth')}
          {fact('sex', label(cadre.sex), 'sex')}
          {fact('ethnicity', cadre.ethnicity, 'ethnicity')}
          {fact('category', label(cadre.category), 'category')}
          {fact('orgUnit', cadre.orgUnit.name, 'orgUnit')}
          {fact('retirementDate', date(cadre.retirementDate), 'retirementDate')}
          {fact('politicalTheory', label(cadre.politicalTheoryLevel), 'politicalTheoryLevel')}
          {fact('stateManagement', label(cadre.stateManagementLevel), 'stateManagementLevel')}
          {sensitive && fact('personalIdNumber', cadre.personalIdNumber ?? t('restricted'), 'personalIdNumber')}
          {sensitive && fact('religion', cadre.religion ?? '—', 'religion')}
          {sensitive &&
            fact(
              'partyAdmissionDate',
              cadre.partyAdmissionDate ? date(cadre.partyAdmissionDate) : '—',
              'partyAdmissionDate',
            )}
        </dl>
      </section>
      <DataTable
        id="current-posts"
        caption={t('currentPosts')}
        rows={cadre.currentAssignments}
        columns={[
          { header: t('post'), value: (r) => r.title.name },
          { header: t('orgUnit'), value: (r) => r.orgUnit.name },
          { header: t('from'), value: (r) => r.startsOn, render: (r) => date(r.startsOn) },
          {
            header: t('termEndsOn'),
            value: (r) => r.appointments.at(-1)?.termEndsOn ?? null,
            render: (r) => date(r.appointments.at(-1)?.termEndsOn),
          },
        ]}
      />
      <section className="card">
        <h2>{t('timeline')}</h2>
        <ol className="timeline">
          {timelineOf(cadre, label).map((event, index) => (
            <li key={index} className={`timeline-${event.kind}`}>
              <span className="timeline-when">
                {date(event.on)}
                {event.until ? ` – ${date(event.until)}` : event.kind === 'post' ? ` – ${t('today')}` : ''}
              </span>
              <span className="timeline-kind">{t(event.kind)}</span>
              <span className="timeline-text">{event.text}</span>
            </li>
          ))}
        </ol>
      </section>
      {gaps.length > 0 && (
        <DataTable
          id="standards-gap"
          caption={t('standardsGap')}
          rows={gaps}
          columns={[
            { header: t('title'), value: (r) => `${r.entry.term.code} · ${r.entry.title?.name ?? ''}` },
            { header: t('criterion'), value: (r) => r.item.criterion, render: (r) => label(r.item.criterion) },
            { header: t('required'), value: (r) => r.item.required, render: (r) => label(r.item.required) },
            { header: t('held'), value: (r) => r.item.held ?? null, render: (r) => label(r.item.held) },
            { header: t('closingProgrammes'), value: (r) => r.item.closingProgrammes.map((p) => p.name).join('; ') },
          ]}
        />
      )}
    </article>
  );
}
