/** The few HTML pages a browser sees during an install: plain, self-contained, escaped. */

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

/** Text is escaped; `html` parts are trusted markup built here. */
export function page(title: string, paragraphs: readonly (string | { html: string })[]): string {
  const body = paragraphs.map((p) => (typeof p === 'string' ? `<p>${escapeHtml(p)}</p>` : p.html)).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Success Metrics</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
code{background:#f3f3f3;padding:0 .2rem}input{padding:.3rem}button{padding:.3rem .8rem}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>`;
}

/** A form that starts the Zendesk OAuth connect for a tenant (the grant proves who may). */
export function zendeskConnectForm(tenant: string, grant: string): { html: string } {
  return {
    html: `<form method="get" action="/oauth/zendesk/install">
<input type="hidden" name="tenant" value="${escapeHtml(tenant)}"><input type="hidden" name="grant" value="${escapeHtml(grant)}">
<label>Zendesk subdomain: <input name="subdomain" required pattern="[A-Za-z0-9][A-Za-z0-9-]*" placeholder="acme"></label>
<button type="submit">Connect Zendesk</button></form>`,
  };
}
