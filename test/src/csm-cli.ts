/**
 * The `csm` command line run as a user runs it, in a child process of its own, for the end-to-end
 * and reliability tests that kill, restart or race it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SandboxCredentials } from '@csm/sandbox';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = fileURLToPath(new URL('../../apps/server/src/cli/main.ts', import.meta.url));

export interface CsmEnded {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CsmRun {
  child: ChildProcess;
  /** Settles when the process has ended and its output is closed. */
  done: Promise<CsmEnded>;
  /** Its stdout then stderr so far, while it runs. */
  output: () => string;
}

/**
 * Starts `csm <args>` from the repository root with `env` over this process's environment
 * (`LOG_LEVEL` included: callers choose how much the command logs).
 *
 * @example
 * const added = await csm(['tenants', 'add', ...], { CSM_DATA_DIR: dir, LOG_LEVEL: 'silent' }).done;
 */
export function csm(args: string[], env: NodeJS.ProcessEnv): CsmRun {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += String(d);
  });
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const done = new Promise<CsmEnded>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done, output: () => stdout + stderr };
}

/** The arguments of `csm tenants add <name>` for a sandbox's private-app and Zendesk credentials. */
export function tenantsAddArgs(name: string, c: SandboxCredentials): string[] {
  return [
    'tenants',
    'add',
    name,
    '--hubspot-token',
    c.hubspotPrivateAppToken,
    '--zendesk-subdomain',
    c.zendeskSubdomain,
    '--zendesk-email',
    c.zendeskEmail,
    '--zendesk-token',
    c.zendeskApiToken,
  ];
}

/** A seeded sequence of `n` integers in [min, max) (kill delays, kill points), so that a failing run can be replayed. */
export function seededSequence(seed: number, n: number, min: number, max: number): number[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return min + (x % (max - min));
  });
}

/** A `DATABASE_URL` whose connections use a schema of their own. */
export function schemaUrl(base: string, schema: string): string {
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}
