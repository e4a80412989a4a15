/**
 * Every error Glyph reports, as data: one stable code, the CLI exit code and the HTTP status it maps
 * to, and a one-line meaning (rendered into docs/errors.md). Add a code here, never a bare `Error`.
 */
export const errorCodes = {
  BAD_USAGE: {
    exitCode: 2,
    httpStatus: 400,
    meaning: 'A command, flag or request parameter is missing or malformed.',
  },
  DATASET_UNKNOWN: { exitCode: 2, httpStatus: 400, meaning: 'The dataset spec names no known dataset.' },
  DATASET_MISSING: {
    exitCode: 1,
    httpStatus: 404,
    meaning: 'The dataset files are not in the data directory.',
  },
  DATASET_EMPTY: { exitCode: 1, httpStatus: 422, meaning: 'A dataset, split or class has no usable images.' },
  DATASET_CORRUPT: {
    exitCode: 1,
    httpStatus: 422,
    meaning: 'A dataset file is damaged: bad magic number, truncated, or counts disagree.',
  },
  DOWNLOAD_FAILED: { exitCode: 1, httpStatus: 502, meaning: 'A download could not be completed.' },
  CHECKSUM_MISMATCH: {
    exitCode: 1,
    httpStatus: 502,
    meaning: 'A downloaded file does not match its published sha256.',
  },
  MODEL_NOT_FOUND: { exitCode: 1, httpStatus: 404, meaning: 'No model exists at that path or id.' },
  MODEL_INVALID: {
    exitCode: 1,
    httpStatus: 422,
    meaning: 'A model folder is incomplete or its metadata does not match the network.',
  },
  MODEL_EXISTS: {
    exitCode: 1,
    httpStatus: 409,
    meaning: 'A model with that id exists and the request may not replace it.',
  },
  EXPORT_UNSUPPORTED: {
    exitCode: 1,
    httpStatus: 422,
    meaning: 'The model has a layer or setting the ONNX exporter cannot convert.',
  },
  REPORT_NOT_FOUND: {
    exitCode: 1,
    httpStatus: 404,
    meaning: 'The model has no evaluation report (write one with glyph eval --report).',
  },
  SHAPE_MISMATCH: {
    exitCode: 1,
    httpStatus: 422,
    meaning: 'Data and model disagree on input size, channels or number of classes.',
  },
  KERNEL_MISSING: {
    exitCode: 1,
    httpStatus: 500,
    meaning: 'The selected backend lacks an operation the model needs.',
  },
  BACKEND_UNAVAILABLE: {
    exitCode: 1,
    httpStatus: 500,
    meaning: 'The requested TensorFlow.js backend is not installed or failed to start.',
  },
  WORKER_CRASHED: {
    exitCode: 1,
    httpStatus: 500,
    meaning: 'A training worker thread died; the run was stopped.',
  },
  INTERRUPTED: {
    exitCode: 130,
    httpStatus: 503,
    meaning: 'The work was stopped by a signal; the last checkpoint was kept.',
  },
  CANCELLED: {
    exitCode: 130,
    httpStatus: 499,
    meaning: 'The caller cancelled the work before it finished; nothing was kept.',
  },
  IMAGE_EMPTY: { exitCode: 1, httpStatus: 422, meaning: 'The image has zero width or height.' },
  IMAGE_UNDECODABLE: {
    exitCode: 1,
    httpStatus: 422,
    meaning: 'The bytes look like an image but cannot be decoded (corrupt or truncated).',
  },
  IMAGE_TOO_LARGE: {
    exitCode: 1,
    httpStatus: 422,
    meaning: 'The image has more pixels than the configured budget.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    exitCode: 1,
    httpStatus: 415,
    meaning: 'The bytes are not a PNG, JPEG, WebP or GIF image.',
  },
  PAYLOAD_TOO_LARGE: { exitCode: 1, httpStatus: 413, meaning: 'The request body exceeds the size limit.' },
  HEADERS_TOO_LARGE: {
    exitCode: 1,
    httpStatus: 431,
    meaning: 'The request headers exceed the size limit (answered before any route runs).',
  },
  REQUEST_TIMEOUT: {
    exitCode: 1,
    httpStatus: 408,
    meaning: 'The client did not send the whole request within the request timeout.',
  },
  FEEDBACK_QUOTA_EXCEEDED: {
    exitCode: 1,
    httpStatus: 507,
    meaning: 'The model’s feedback folder is at its disk quota (--feedback-quota); nothing was stored.',
  },
  FEEDBACK_STORE_UNAVAILABLE: {
    exitCode: 1,
    httpStatus: 503,
    meaning:
      'The feedback store (PostgreSQL) could not be reached or migrated within its retry time; nothing was acknowledged.',
  },
  RATE_LIMITED: {
    exitCode: 1,
    httpStatus: 429,
    meaning:
      'The client sent more requests than its per-minute budget (--rate-limit); retry after the given delay.',
  },
  LABEL_UNKNOWN: { exitCode: 1, httpStatus: 400, meaning: 'The label is not one of the model labels.' },
  SAMPLE_NOT_FOUND: {
    exitCode: 1,
    httpStatus: 404,
    meaning: 'No stored sample, review file or feedback operation has that path or id.',
  },
  SAMPLE_CONFLICT: {
    exitCode: 1,
    httpStatus: 409,
    meaning: 'The sample is no longer where the request expects it (changed since, or already undone).',
  },
  OVERLOADED: {
    exitCode: 1,
    httpStatus: 503,
    meaning: 'Too much work is queued; retry after the given delay.',
  },
  TIMEOUT: { exitCode: 1, httpStatus: 503, meaning: 'The work did not finish within its time limit.' },
  NOT_READY: { exitCode: 1, httpStatus: 503, meaning: 'The service is still loading or warming up models.' },
  UNAUTHORIZED: {
    exitCode: 1,
    httpStatus: 401,
    meaning: 'The route needs an API key (Bearer or X-Api-Key) and no valid key was sent.',
  },
  FORBIDDEN: {
    exitCode: 1,
    httpStatus: 403,
    meaning: 'The API key is valid but its scopes do not cover the route.',
  },
  ORIGIN_NOT_ALLOWED: {
    exitCode: 1,
    httpStatus: 403,
    meaning: 'A page of another site sent a write or predict request (Origin, Sec-Fetch-Site).',
  },
  HOST_NOT_ALLOWED: {
    exitCode: 1,
    httpStatus: 421,
    meaning: 'The Host header names a host this server does not answer for (see --allowed-hosts).',
  },
  ROUTE_NOT_FOUND: { exitCode: 2, httpStatus: 404, meaning: 'No HTTP route matches that method and path.' },
  INTERNAL: {
    exitCode: 1,
    httpStatus: 500,
    meaning: 'A bug in Glyph; please report it with the --verbose output.',
  },
} as const satisfies Record<string, { exitCode: number; httpStatus: number; meaning: string }>;

export type ErrorCode = keyof typeof errorCodes;
