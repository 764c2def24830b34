import { serveSandbox } from '@csm/sandbox';

/** `csm sandbox serve`: the look-alike APIs on loopback, with their banner, until Ctrl-C. */
export async function runSandboxServe(options: {
  port: number;
  companies: number;
  seed: number;
  rateLimits: boolean;
}) {
  const { server } = await serveSandbox({ ...options, host: '127.0.0.1' });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await server.close();
}
