import { GlyphError } from '@glyph/core';

/**
 * The characters a spec like `a-z`, `a-z,A-Z,0-9` or `aeiou` names, in the order given, each once.
 * A comma separates parts; `x-y` is an inclusive range of code points; anything else is a list of
 * single characters.
 */
export function parseCharRanges(spec: string): string[] {
  const chars = new Set<string>();
  for (const part of spec.split(',')) {
    const points = [...part];
    if (points.length === 0) throw badSpec(spec, 'it has an empty part');
    if (points.length === 3 && points[1] === '-') {
      const [from, to] = [points[0].codePointAt(0)!, points[2].codePointAt(0)!];
      if (from > to) throw badSpec(spec, `the range ${part} runs backwards`);
      for (let code = from; code <= to; code++) chars.add(String.fromCodePoint(code));
    } else {
      for (const char of points) {
        if (char.trim() === '') throw badSpec(spec, 'it contains white space');
        chars.add(char);
      }
    }
  }
  return [...chars];
}

function badSpec(spec: string, why: string): GlyphError {
  return new GlyphError(
    'BAD_USAGE',
    `--chars "${spec}" is not a character list: ${why}. Use ranges and characters separated by commas, e.g. a-z or a-z,A-Z,0-9.`,
  );
}
