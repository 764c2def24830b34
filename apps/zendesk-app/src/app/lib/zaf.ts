/**
 * The part of the Zendesk Apps Framework client (ZAF SDK 2.0) the sidebar uses. The SDK script
 * (`zaf_sdk.min.js`) defines `window.ZAFClient`; tests and the browser end-to-end test stand in
 * for it. Reference: https://developer.zendesk.com/api-reference/apps/apps-core-api/client_api/
 */

export interface ZafRequestOptions {
  url: string;
  type: 'GET';
  /** Sends the request through Zendesk's proxy, which fills `{{setting.*}}` placeholders of secure settings. */
  secure: true;
  headers: Record<string, string>;
  dataType: 'json';
  timeout?: number;
}

/** What `client.get(...)` resolves to: one key per path asked for, and `errors` for paths it could not read. */
export type ZafGetResult = Record<string, unknown> & { errors?: Record<string, unknown> };

export interface ZafClient {
  on(event: string, handler: (...args: unknown[]) => void): void;
  off?(event: string, handler: (...args: unknown[]) => void): void;
  get(paths: string | string[]): Promise<ZafGetResult>;
  context(): Promise<{ location: string; product?: string }>;
  metadata(): Promise<{ settings?: Record<string, unknown> }>;
  request(options: ZafRequestOptions): Promise<unknown>;
  invoke(name: string, ...args: unknown[]): unknown;
}

export interface ZafClientFactory {
  init(): ZafClient;
}

declare global {
  interface Window {
    ZAFClient?: ZafClientFactory;
  }
}
