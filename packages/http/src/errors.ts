/** Error codes shared by every outbound API call; the server maps them to HTTP statuses. */
export type ApiErrorCode =
  | 'invalid_input'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'upstream'
  | 'network';

/**
 * A failed call to HubSpot or Zendesk, with what a person can do about it.
 *
 * @example
 * throw new ApiError('forbidden', 'HubSpot: the token lacks scope crm.objects.deals.read', { status: 403 });
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;
  readonly status: number | undefined;
  readonly retryable: boolean;

  constructor(
    code: ApiErrorCode,
    message: string,
    options: { status?: number; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
  }
}
