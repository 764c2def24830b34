import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives the documented defaults with no configuration', () => {
    expect(loadConfig({})).toMatchObject({
      CSM_DATA_DIR: './.csm',
      HUBSPOT_API_BASE_URL: 'https://api.hubapi.com',
      ZENDESK_API_BASE_URL: 'https://{subdomain}.zendesk.com',
      PORT: 3000,
    });
    expect(loadConfig({}).DATABASE_URL).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', HUBSPOT_API_BASE_URL: '' }).HUBSPOT_API_BASE_URL).toBe(
      'https://api.hubapi.com',
    );
  });

  it('names every bad variable in one message', () => {
    const error = (() => {
      try {
        loadConfig({ DATABASE_URL: 'mysql://x', HUBSPOT_API_BASE_URL: 'not a url', PORT: '99999' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('HUBSPOT_API_BASE_URL');
    expect(message).toContain('PORT');
  });

  it('keeps uninstalled tenants 30 days and reads the journal every 5 minutes unless told, and names bad values', () => {
    expect(loadConfig({})).toMatchObject({ CSM_UNINSTALL_GRACE_DAYS: 30, HUBSPOT_JOURNAL_POLL_SECONDS: 300 });
    expect(loadConfig({ CSM_UNINSTALL_GRACE_DAYS: '0', HUBSPOT_JOURNAL_POLL_SECONDS: '60' })).toMatchObject({
      CSM_UNINSTALL_GRACE_DAYS: 0,
      HUBSPOT_JOURNAL_POLL_SECONDS: 60,
    });
    for (const [name, value, says] of [
      ['CSM_UNINSTALL_GRACE_DAYS', '-1', 'CSM_UNINSTALL_GRACE_DAYS must be 0 or more'],
      ['CSM_UNINSTALL_GRACE_DAYS', '2.5', 'CSM_UNINSTALL_GRACE_DAYS must be a whole number of days'],
      ['CSM_UNINSTALL_GRACE_DAYS', 'soon', 'CSM_UNINSTALL_GRACE_DAYS'],
      ['HUBSPOT_JOURNAL_POLL_SECONDS', '90000', 'at most 86400'],
    ] as const)
      expect(() => loadConfig({ [name]: value })).toThrow(says);
  });

  it('accepts a Zendesk base URL with or without {subdomain}', () => {
    expect(loadConfig({ ZENDESK_API_BASE_URL: 'http://127.0.0.1:4010/zendesk' }).ZENDESK_API_BASE_URL).toBe(
      'http://127.0.0.1:4010/zendesk',
    );
    expect(loadConfig({ ZENDESK_API_BASE_URL: 'http://{subdomain}.localhost:9' }).ZENDESK_API_BASE_URL).toBe(
      'http://{subdomain}.localhost:9',
    );
  });
});
