import { createLogger } from '@csm/sync';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { errorResponse } from './errors.ts';
import { refuseNulCharacters } from './nul-characters.ts';

const app = new Hono();
app.use('*', refuseNulCharacters);
app.all('*', async (c) => c.json({ seen: c.req.method === 'GET' ? null : await c.req.text() }));
app.onError((error, c) => errorResponse(c, error, createLogger({ level: 'silent' })));

const post = (body: string, type = 'application/json') =>
  app.request('/x', { method: 'POST', headers: { 'content-type': type }, body });

describe('refuseNulCharacters', () => {
  it('refuses a NUL in the path, the query or a body, naming where', async () => {
    for (const [res, field] of [
      [await app.request('/a%00b'), 'path'],
      [await app.request('/x?name=a%00'), 'query.name'],
      [await post('{"rows":[{"ok":"x"},{"comment":"a\\u0000b"}]}'), 'body.rows[1].comment'],
      [await post('{"a\\u0000":1}'), 'body.a\\u0000'],
      [await post('id,name\n1,a\u0000\n', 'text/csv'), 'body'],
    ] as const) {
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_input', details: { field } });
    }
    expect((await app.request('/%E0%A4%A')).status).toBe(400);
  });

  it('lets everything else through, the body still readable', async () => {
    // The text `\u0000` written literally (an escaped backslash) is not a NUL.
    const literal = '{"note":"\\\\u0000 is how JSON spells it"}';
    const res = await post(literal);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ seen: literal });
    expect((await app.request('/x?name=ok')).status).toBe(200);
  });
});
