/** The operations users send most, shared by the e2e tests and the benchmarks. */

/** One cadre's whole dossier: personnel record and career, training, planning with its standards gap. */
export const DOSSIER_FIELDS = `fragment DossierFields on Cadre {
  id fullName sex dateOfBirth ethnicity category
  orgUnit { name level }
  currentAssignments { title { name } orgUnit { name } termEndsOn }
  careerHistory {
    __typename
    ... on Assignment { startsOn endsOn title { name } orgUnit { name } }
    ... on Mobility { kind startsOn plannedEndOn fromOrgUnit { name } toOrgUnit { name } }
  }
  trainingHistory { programme { name } class { code } provider { name } mode status resultRating }
  politicalTheoryLevel stateManagementLevel defenceSecurityTrained
  planningHistory { term { code } title { name } status standardsGap { meetsStandard } }
}`;

export const DOSSIER = `query Dossier($id: ID!) { cadre(id: $id) { ...DossierFields } } ${DOSSIER_FIELDS}`;

export const DOSSIER_PAGE = `query DossierPage($first: Int!, $filter: CadreFilter) {
  cadres(first: $first, filter: $filter) { edges { node { ...DossierFields } } }
} ${DOSSIER_FIELDS}`;
