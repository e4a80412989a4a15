/** A candidate character and its log score (see `scorePiece`). */
export interface Scored<T> {
  readonly item: T;
  readonly score: number;
}

/** The scored choices of one line, shaped like `SequencePreprocessResult`. */
export interface LineChoices<T> {
  /** Per position: its readings (whole, or cut into touching characters), and — for a short, separate
   * fragment — the score of reading it as no character at all. */
  readonly positions: readonly {
    readonly readings: readonly (readonly Scored<T>[])[];
    readonly strayScore?: number;
  }[];
  /** Positions `first` and `first + 1` read as one character. */
  readonly joins: ReadonlyMap<number, Scored<T>>;
}

/**
 * The highest-scoring reading of the whole line (a Viterbi pass): `best[i]` covers the positions
 * before i; each step takes position i−1's best reading, drops it as a stray mark, or reads the join
 * of positions i−2 and i−1.
 */
export function bestLinePath<T>(line: LineChoices<T>): T[] {
  const best: { score: number; path: T[] }[] = [{ score: 0, path: [] }];
  for (let i = 1; i <= line.positions.length; i++) {
    const position = line.positions[i - 1];
    const own = bestReading(position.readings);
    const previous = best[i - 1];
    let step = { score: previous.score + sum(own), path: [...previous.path, ...own.map((s) => s.item)] };
    if (position.strayScore !== undefined && previous.score + position.strayScore > step.score) {
      step = { score: previous.score + position.strayScore, path: previous.path };
    }
    const join = line.joins.get(i - 2);
    if (join !== undefined && best[i - 2].score + join.score > step.score) {
      step = { score: best[i - 2].score + join.score, path: [...best[i - 2].path, join.item] };
    }
    best.push(step);
  }
  return best[line.positions.length].path;
}

function bestReading<T>(readings: readonly (readonly Scored<T>[])[]): readonly Scored<T>[] {
  let best = readings[0];
  for (const reading of readings.slice(1)) if (sum(reading) > sum(best)) best = reading;
  return best;
}

function sum<T>(reading: readonly Scored<T>[]): number {
  return reading.reduce((total, scored) => total + scored.score, 0);
}
