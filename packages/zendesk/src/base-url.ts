/**
 * The Zendesk API address for a subdomain: `ZENDESK_API_BASE_URL` (default
 * `https://{subdomain}.zendesk.com`) with `{subdomain}` filled in.
 */
export function zendeskBaseUrl(template: string | undefined, subdomain: string): string {
  return (template ?? 'https://{subdomain}.zendesk.com').replaceAll(
    '{subdomain}',
    encodeURIComponent(subdomain),
  );
}
