/** A failed request, carrying the server's `{error: {code, message}}` when it sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export async function apiErrorFrom(response: Response, what: string): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.message) {
      // The server names the missing key; the app says where to enter it.
      const hint = response.status === 401 ? ' Enter the server’s key under Models → Server key.' : '';
      return new ApiError(response.status, body.error.code ?? 'UNKNOWN', body.error.message + hint);
    }
  } catch {
    // Not JSON: fall through to a message built from the status.
  }
  return new ApiError(
    response.status,
    'HTTP_' + response.status,
    `${what} failed with HTTP ${response.status} ${response.statusText}.`,
  );
}
