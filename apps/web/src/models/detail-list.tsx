// Metadata fields as a definition list; nested objects become nested lists, long arrays are cut.
type Entry = readonly [string, unknown];

function formatScalar(value: unknown): string {
  if (typeof value === 'number')
    return Number.isInteger(value) ? value.toLocaleString() : value.toPrecision(4);
  if (Array.isArray(value)) {
    const shown = value
      .slice(0, 12)
      .map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item)));
    return shown.join(', ') + (value.length > 12 ? `, … (${value.length} in all)` : '');
  }
  return String(value);
}

export function DetailList({ entries }: { readonly entries: readonly Entry[] }) {
  // Matrices (the confusion matrix) are drawn as a chart, not printed as numbers.
  const isMatrix = (value: unknown) => Array.isArray(value) && value.some(Array.isArray);
  const shown = entries.filter(
    ([, value]) => value !== undefined && value !== null && value !== '' && !isMatrix(value),
  );
  return (
    <dl className="detail-list">
      {shown.map(([key, value]) => (
        <div key={key} className="detail-row">
          <dt>{key}</dt>
          <dd>
            {typeof value === 'object' && !Array.isArray(value) ? (
              <DetailList entries={Object.entries(value as Record<string, unknown>)} />
            ) : (
              formatScalar(value)
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
