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

  it('accepts a Zendesk base URL with or without {subdomain}', () => {
    expect(loadConfig({ ZENDESK_API_BASE_URL: 'http://127.0.0.1:4010/zendesk' }).ZENDESK_API_BASE_URL).toBe(
      'http://127.0.0.1:4010/zendesk',
    );
    expect(loadConfig({ ZENDESK_API_BASE_URL: 'http://{subdomain}.localhost:9' }).ZENDESK_API_BASE_URL).toBe(
      'http://{subdomain}.localhost:9',
    );
  });
});
