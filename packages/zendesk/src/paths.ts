/** Every Zendesk path the connector calls. https://developer.zendesk.com/api-reference/ */
export const zendeskPaths = {
  ticketsCursorExport: '/api/v2/incremental/tickets/cursor.json',
  usersCursorExport: '/api/v2/incremental/users/cursor.json',
  organizationsTimeExport: '/api/v2/incremental/organizations.json',
  satisfactionRatings: '/api/v2/satisfaction_ratings',
  surveyResponses: '/api/v2/guide/survey_responses',
  me: '/api/v2/users/me',
  token: '/oauth/tokens',
} as const;
