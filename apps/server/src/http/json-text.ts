import type { TypedResponse } from 'hono';

/**
 * A 200 answer whose body is JSON text assembled elsewhere (a stored card spliced into its
 * envelope), typed as the route's answer `T`: the caller vouches that the text matches it.
 *
 * @example
 * return jsonText<CompanyAnswer>(storedText);
 */
export const jsonText = <T>(text: string) =>
  new Response(text, {
    status: 200,
    headers: { 'content-type': 'application/json' },
  }) as unknown as TypedResponse<T, 200, 'json'>;
