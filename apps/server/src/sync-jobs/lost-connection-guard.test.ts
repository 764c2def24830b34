import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const guard = fileURLToPath(new URL('./lost-connection-guard.ts', import.meta.url));

/** A process with the guard on in which `rejection` (JS) goes unhandled, then that says it still runs. */
function run(rejection: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = `
    import { keepAliveOnLostConnections } from ${JSON.stringify(guard)};
    keepAliveOnLostConnections({ warn: (o, m) => console.log('warned:', m) });
    void Promise.reject(${rejection});
    setTimeout(() => console.log('still running'), 200);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += String(d);
  });
  child.stderr.on('data', (d) => {
    stderr += String(d);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

// What pg-boss 10 leaves unhandled when the database is down as a job ends (`Manager.fail`).
describe('a queue process whose database goes away', () => {
  it('carries on after an unhandled lost connection, saying so', async () => {
    const out = await run(
      "Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })",
    );
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('warned: the database went away while the job queue recorded a job');
    expect(out.stdout).toContain('still running');
  }, 30_000);

  it('still ends on any other unhandled rejection, with its error', async () => {
    const out = await run("new Error('a bug')");
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain('a bug');
    expect(out.stdout).not.toContain('still running');
  }, 30_000);
});
