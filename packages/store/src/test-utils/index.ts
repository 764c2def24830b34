/**
 * Test helpers for any package's tests: `import { forEachStore } from '@csm/store/test-utils'`.
 */
export * from './builders.ts';
export * from './pg-outage.ts';
export * from './stores.ts';
