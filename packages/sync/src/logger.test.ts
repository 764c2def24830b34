import { execFile } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('never writes a secret, wherever it sits in the line', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'info', destination });
    log.info(
      {
        token: 'pat-na1-secret',
        credentials: { hubspot: { token: 'pat-2' } },
        tenant: { name: 'acme', accessToken: 'oauth-secret', refreshToken: 'r-secret' },
        headers: { authorization: 'Bearer abc' },
      },
      'sync started',
    );
    const line = lines.join('');
    expect(line).toContain('sync started');
    expect(line).toContain('acme');
    for (const secret of ['pat-na1-secret', 'pat-2', 'oauth-secret', 'r-secret', 'Bearer abc'])
      expect(line).not.toContain(secret);
    expect(line).toContain('[redacted]');
  });

  it('writes to stderr by default, never to stdout', async () => {
    const logger = fileURLToPath(new URL('./logger.ts', import.meta.url));
    const script = `import { createLogger } from ${JSON.stringify(logger)}; createLogger({ level: 'info' }).info({ tenant: 'acme' }, 'hello');`;
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        (error, out, err) => (error ? reject(error) : resolve({ stdout: out, stderr: err })),
      ),
    );
    expect(stdout).toBe('');
    expect(JSON.parse(stderr.trim())).toMatchObject({ tenant: 'acme', msg: 'hello' });
  });
});
