// Draws strokes smoothly: a quadratic curve through the midpoints of successive samples, so a
// 60 Hz mouse trace looks like a pen line. Pressure strokes vary width segment by segment.
import type { InkPoint, Stroke } from './ink-document';

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Width at one sample: pressure 0.5 (the default) gives the nominal width. */
export function widthAt(stroke: Stroke, point: InkPoint): number {
  return stroke.usesPressure ? stroke.widthPx * (0.4 + 1.2 * point.pressure) : stroke.widthPx;
}

function midpoint(a: InkPoint, b: InkPoint): { x: number; y: number } {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

function drawDot(ctx: Context2D, stroke: Stroke, point: InkPoint): void {
  ctx.beginPath();
  ctx.arc(point.x, point.y, widthAt(stroke, point) / 2, 0, Math.PI * 2);
  ctx.fill();
}

function drawUniform(ctx: Context2D, points: readonly InkPoint[]): void {
  ctx.beginPath();
  ctx.moveTo(points[0].x, points[0].y);
  for (let i = 1; i < points.length - 1; i += 1) {
    const end = midpoint(points[i], points[i + 1]);
    ctx.quadraticCurveTo(points[i].x, points[i].y, end.x, end.y);
  }
  const last = points[points.length - 1];
  ctx.lineTo(last.x, last.y);
  ctx.stroke();
}

function drawWithPressure(ctx: Context2D, stroke: Stroke): void {
  // The same curve as drawUniform, cut into one piece per sample so each can have its own width.
  const { points } = stroke;
  let start: { x: number; y: number } = points[0];
  for (let i = 1; i < points.length; i += 1) {
    ctx.beginPath();
    ctx.lineWidth = widthAt(stroke, points[i]);
    ctx.moveTo(start.x, start.y);
    if (i === points.length - 1) {
      ctx.lineTo(points[i].x, points[i].y);
    } else {
      const end = midpoint(points[i], points[i + 1]);
      ctx.quadraticCurveTo(points[i].x, points[i].y, end.x, end.y);
      start = end;
    }
    ctx.stroke();
  }
}

/** Renders `strokes` in `color` onto `ctx`, whose transform maps CSS pixels to device pixels. */
export function drawStrokes(ctx: Context2D, strokes: readonly Stroke[], color: string): void {
  ctx.save();
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const stroke of strokes) {
    if (stroke.points.length === 1) drawDot(ctx, stroke, stroke.points[0]);
    else if (stroke.usesPressure) drawWithPressure(ctx, stroke);
    else {
      ctx.lineWidth = stroke.widthPx;
      drawUniform(ctx, stroke.points);
    }
  }
  ctx.restore();
}
