// The drawing as data: strokes of points in CSS pixels of the drawing surface. Canvas rendering,
// rasterising for the model and undo all read this one list, so what is shown is what is recognised.

export interface InkPoint {
  readonly x: number;
  readonly y: number;
  /** Pen pressure in [0,1]; 0.5 when the device reports none. */
  readonly pressure: number;
}

export interface Stroke {
  readonly points: InkPoint[];
  readonly widthPx: number;
  /** True for pens: the width then follows pressure. */
  readonly usesPressure: boolean;
}

export type InkChange = 'begin' | 'extend' | 'end' | 'undo' | 'clear';
type Listener = (change: InkChange) => void;

export class InkDocument {
  #strokes: Stroke[] = [];
  #drawing = false;
  #version = 0;
  readonly #listeners = new Set<Listener>();

  /** Every stroke, the one being drawn included (last). */
  get strokes(): readonly Stroke[] {
    return this.#strokes;
  }

  get isDrawing(): boolean {
    return this.#drawing;
  }

  get isEmpty(): boolean {
    return this.#strokes.length === 0;
  }

  /** Grows on every change; lets a view tell whether a result belongs to the current drawing. */
  get version(): number {
    return this.#version;
  }

  begin(point: InkPoint, widthPx: number, usesPressure: boolean): void {
    if (this.#drawing) this.end();
    this.#strokes = [...this.#strokes, { points: [point], widthPx, usesPressure }];
    this.#drawing = true;
    this.#emit('begin');
  }

  extend(points: readonly InkPoint[]): void {
    const active = this.#strokes.at(-1);
    if (!this.#drawing || !active || points.length === 0) return;
    active.points.push(...points);
    this.#emit('extend');
  }

  end(): void {
    if (!this.#drawing) return;
    this.#drawing = false;
    this.#emit('end');
  }

  undo(): void {
    if (this.#strokes.length === 0) return;
    this.#drawing = false;
    this.#strokes = this.#strokes.slice(0, -1);
    this.#emit('undo');
  }

  clear(): void {
    if (this.#strokes.length === 0) return;
    this.#drawing = false;
    this.#strokes = [];
    this.#emit('clear');
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(change: InkChange): void {
    this.#version += 1;
    for (const listener of this.#listeners) listener(change);
  }
}
