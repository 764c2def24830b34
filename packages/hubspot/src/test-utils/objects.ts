/**
 * Factories for HubSpot CRM objects in the shape the v3 objects and search endpoints return
 * (every property value a string), for tests of this connector.
 */
let nextId = 1000;

export function makeObject(
  properties: Record<string, string | null>,
  overrides: {
    id?: string;
    updatedAt?: string;
    createdAt?: string;
    associations?: Record<string, { id: string; type: string }[]>;
  } = {},
) {
  const id = overrides.id ?? String(nextId++);
  const updatedAt = overrides.updatedAt ?? '2026-05-01T10:00:00.000Z';
  return {
    id,
    properties: {
      hs_object_id: id,
      createdate: overrides.createdAt ?? '2025-01-01T00:00:00.000Z',
      hs_lastmodifieddate: updatedAt,
      ...properties,
    },
    createdAt: overrides.createdAt ?? '2025-01-01T00:00:00.000Z',
    updatedAt,
    archived: false,
    ...(overrides.associations
      ? {
          associations: Object.fromEntries(
            Object.entries(overrides.associations).map(([k, results]) => [k, { results }]),
          ),
        }
      : {}),
  };
}
