/**
 * @module
 * The store: PostgreSQL schema, migrations and queries (PGlite embedded, pg in production).
 */
export * from './records.ts';
