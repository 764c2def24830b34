import { healthModelSchema } from '@csm/metrics';
import { z } from 'zod';
import { windowsSchema } from './report.ts';

/**
 * A tenant's settings: its health model (a model may leave signals out: those are not used) and the
 * windows of its windowed figures. Validated whole: a PUT names the bad field and changes nothing.
 */
export const tenantSettingsSchema = z
  .object({ healthModel: healthModelSchema, windows: windowsSchema })
  .strict()
  .meta({ id: 'TenantSettings' });
export type TenantSettings = z.infer<typeof tenantSettingsSchema>;
