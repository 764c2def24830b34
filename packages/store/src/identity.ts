/**
 * DESIGN.md's identity rules (a contract) as SQL, shared by the facts and coverage queries.
 * `$1` is the tenant id. Ids are compared in numeric order (shorter first, then text), so the
 * smallest HubSpot id wins every tie, deterministically.
 *
 * - org_company: an organization's explicit link, else the company whose domain is in its domain_names.
 * - email_contact: per email, the contact with the smallest id.
 * - ticket_company: a Zendesk ticket through its organization (no fallback when it has one), else
 *   through its requester's email -> contact -> primary company; a HubSpot ticket through its
 *   company, else its contact's primary company. Deleted tickets are left out.
 * - survey_company: HubSpot answers through their contact's primary company, Zendesk ratings
 *   through their ticket, ingested answers by their named company.
 */
export const identityCtes = `
org_company AS (
  SELECT o.zendesk_org_id,
    COALESCE(l.hubspot_company_id, (
      SELECT c.hubspot_company_id FROM companies c
      WHERE c.tenant_id = o.tenant_id AND c.domain = ANY(o.domain_names)
      ORDER BY length(c.hubspot_company_id), c.hubspot_company_id LIMIT 1)) AS company_id,
    (SELECT count(*) FROM companies c WHERE c.tenant_id = o.tenant_id AND c.domain = ANY(o.domain_names)) AS matches
  FROM zendesk_organizations o
  LEFT JOIN org_links l ON l.tenant_id = o.tenant_id AND l.zendesk_org_id = o.zendesk_org_id
  WHERE o.tenant_id = $1
),
email_contact AS (
  SELECT DISTINCT ON (email) email, hubspot_contact_id, primary_company_id
  FROM contacts WHERE tenant_id = $1 AND email IS NOT NULL
  ORDER BY email, length(hubspot_contact_id), hubspot_contact_id
),
ticket_company AS (
  SELECT t.*,
    CASE
      WHEN t.source = 'zendesk' AND t.organization_id IS NOT NULL THEN oc.company_id
      WHEN t.source = 'zendesk' THEN ec.primary_company_id
      ELSE COALESCE(t.company_id, hc.primary_company_id)
    END AS account_id
  FROM tickets t
  LEFT JOIN org_company oc ON oc.zendesk_org_id = t.organization_id
  LEFT JOIN zendesk_users u ON u.tenant_id = t.tenant_id AND u.zendesk_user_id = t.requester_id
  LEFT JOIN email_contact ec ON ec.email = u.email
  LEFT JOIN contacts hc ON hc.tenant_id = t.tenant_id AND hc.hubspot_contact_id = t.contact_id
  WHERE t.tenant_id = $1 AND t.status <> 'deleted'
),
survey_company AS (
  SELECT s.*,
    CASE s.source
      WHEN 'hubspot' THEN c.primary_company_id
      WHEN 'zendesk' THEN tc.account_id
      ELSE s.company_id
    END AS account_id
  FROM survey_responses s
  LEFT JOIN contacts c ON c.tenant_id = s.tenant_id AND c.hubspot_contact_id = s.contact_id
  LEFT JOIN ticket_company tc ON tc.source = 'zendesk' AND tc.external_id = s.zendesk_ticket_id
  WHERE s.tenant_id = $1
)`;
