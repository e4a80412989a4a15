// Draws a Vega-Lite spec. vega-embed (with Vega and Vega-Lite) is loaded only here, on the model
// page, so it never weighs on drawing.
import { useEffect, useRef, useState } from 'react';
import type { VegaLiteSpec } from '@glyph/core/metrics';

interface VegaChartProps {
  readonly spec: VegaLiteSpec;
  /** Read by screen readers instead of the SVG's many marks. */
  readonly description: string;
  readonly testId?: string;
}

export function VegaChart({ spec, description, testId }: VegaChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    let finalize = () => {};
    import('vega-embed')
      .then(({ default: embed }) =>
        ref.current
          ? // ast: expressions run in Vega's interpreter, not compiled with `new Function`, which the
            // server's Content-Security-Policy (no 'unsafe-eval') forbids.
            embed(
              ref.current,
              { ...spec, background: 'transparent' },
              { actions: false, renderer: 'svg', ast: true },
            )
          : null,
      )
      .then(
        (result) => {
          if (!result) return;
          if (live) finalize = () => result.finalize();
          else result.finalize();
        },
        (error: unknown) => live && setProblem(error instanceof Error ? error.message : String(error)),
      );
    return () => {
      live = false;
      finalize();
    };
  }, [spec]);

  return (
    <div className="chart" data-testid={testId}>
      <div ref={ref} role="img" aria-label={description} />
      {problem && <p className="error-text">The chart could not be drawn: {problem}</p>}
    </div>
  );
}
