/** Whether a `--feedback-store` value names a PostgreSQL database rather than a folder. */
export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/** The URL with its password (and any `password=` parameter) replaced, for logs and error messages. */
export function redactUrl(spec: string): string {
  try {
    const url = new URL(spec);
    if (url.password !== '') url.password = '***';
    if (url.searchParams.has('password')) url.searchParams.set('password', '***');
    return url.toString();
  } catch {
    // Not parseable: show only the scheme, since the rest may hold a password.
    return `${spec.split('://')[0]}://…`;
  }
}
