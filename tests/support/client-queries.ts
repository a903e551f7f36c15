/**
 * The operations of the README's "Using the API" section, as a dashboard would write them: `id` on
 * every object that has one, so that Apollo Client and urql normalise each object once, and the
 * career history through a fragment on its union. The e2e client test checks the README holds
 * them verbatim.
 */

export const CAREER_EVENT_FIELDS = `fragment CareerEventFields on CareerEvent {
  __typename
  ... on Assignment { id startsOn endsOn title { id name } orgUnit { id name } }
  ... on Mobility { id kind startsOn plannedEndOn toOrgUnit { id name } }
}`;

export const CLIENT_DOSSIER = `query CadreDossier($id: ID!) {
  cadre(id: $id) {
    id fullName retirementDate
    orgUnit { id name }
    currentAssignments { id title { id name } termEndsOn }
    careerHistory { ...CareerEventFields }
    trainingHistory { id programme { id name } class { id code } provider { id name } mode status resultRating }
    planningHistory {
      id status
      term { id code ruleSet { id name } }
      title { id name }
      standardsGap { meetsStandard lacking { criterion required held closingProgrammes { id name } } }
    }
  }
}
${CAREER_EVENT_FIELDS}`;

export const CLIENT_CADRE_PAGE = `query CadrePage($first: Int!, $after: String, $filter: CadreFilter) {
  cadres(first: $first, after: $after, filter: $filter) {
    edges {
      cursor
      node {
        id fullName
        orgUnit { id name }
        careerHistory { ...CareerEventFields }
        planningHistory { id status term { id code ruleSet { id code } } standardsGap { meetsStandard } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
${CAREER_EVENT_FIELDS}`;
