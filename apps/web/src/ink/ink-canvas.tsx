// The drawing surface: pointer events (mouse, touch, pen) become strokes in an InkDocument; the
// canvas repaints at the screen's pixel ratio once per animation frame.
import {
  useCallback,
  useEffect,
  useRef,
  type PointerEvent as ReactPointerEvent,
  type ReactNode,
} from 'react';
import type { InkDocument, InkPoint } from './ink-document';
import type { SurfaceSize } from './rasterize-ink';
import { drawStrokes } from './render-ink';

interface InkCanvasProps {
  readonly ink: InkDocument;
  readonly strokeWidthPx: number;
  readonly label: string;
  readonly onResize: (size: SurfaceSize) => void;
  /** Drawn over the canvas, e.g. the boxes of recognised characters. */
  readonly children?: ReactNode;
}

const inkColor = '#111827';

function pointFrom(event: PointerEvent, rect: DOMRect): InkPoint {
  // Mice report 0.5 while pressed and many touch screens report 0 or 1: only pens mean it.
  const pressure = event.pointerType === 'pen' && event.pressure > 0 ? event.pressure : 0.5;
  return { x: event.clientX - rect.left, y: event.clientY - rect.top, pressure };
}

function samplesOf(event: PointerEvent): PointerEvent[] {
  // Coalesced events carry the samples the browser merged into one frame: smoother fast strokes.
  const coalesced = typeof event.getCoalescedEvents === 'function' ? event.getCoalescedEvents() : [];
  return coalesced.length > 0 ? coalesced : [event];
}

export function InkCanvas({ ink, strokeWidthPx, label, onResize, children }: InkCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const sizeRef = useRef<SurfaceSize>({ width: 0, height: 0 });
  const pointerRef = useRef<{ id: number; rect: DOMRect } | null>(null);

  const paint = useCallback(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    const { width, height } = sizeRef.current;
    const deviceWidth = Math.round(width * ratio);
    const deviceHeight = Math.round(height * ratio);
    if (canvas.width !== deviceWidth || canvas.height !== deviceHeight) {
      canvas.width = deviceWidth;
      canvas.height = deviceHeight;
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    drawStrokes(ctx, ink.strokes, inkColor);
  }, [ink]);

  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(() => ((frame = 0), paint()));
    };
    const unsubscribe = ink.subscribe(schedule);
    schedule();
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [ink, paint]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const observer = new ResizeObserver(([entry]) => {
      sizeRef.current = { width: entry.contentRect.width, height: entry.contentRect.height };
      onResize(sizeRef.current);
      paint();
    });
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [onResize, paint]);

  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (pointerRef.current || (event.pointerType === 'mouse' && event.button !== 0)) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const rect = event.currentTarget.getBoundingClientRect();
    pointerRef.current = { id: event.pointerId, rect };
    ink.begin(pointFrom(event.nativeEvent, rect), strokeWidthPx, event.pointerType === 'pen');
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const pointer = pointerRef.current;
    if (pointer?.id !== event.pointerId) return;
    ink.extend(samplesOf(event.nativeEvent).map((sample) => pointFrom(sample, pointer.rect)));
  };

  const onPointerEnd = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (pointerRef.current?.id !== event.pointerId) return;
    pointerRef.current = null;
    ink.end();
  };

  return (
    <div className="ink-surface">
      <canvas
        ref={canvasRef}
        className="ink-canvas"
        role="img"
        aria-label={label}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
      />
      {children}
    </div>
  );
}
