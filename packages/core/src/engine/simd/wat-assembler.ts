/**
 * A small WebAssembly text (WAT) assembler for our SIMD kernels: the kernels stay readable source
 * and need no build step or binary blob. It handles what the kernels use and rejects the rest:
 * one module importing `env.memory` (plain, or shared with the 4 GiB maximum of a threaded build), functions with `i32`/`f32`/`v128` params and locals and no
 * results, exported by name, with folded instructions, `block`/`loop`/`br`/`br_if`, `select`,
 * i32 arithmetic and comparisons, `v128` loads/stores/constants, `i8x16.shuffle` and `f32x4`
 * arithmetic and lane extraction.
 */

type Sexp = string | Sexp[];

const valueTypes: Record<string, number> = { i32: 0x7f, f32: 0x7d, v128: 0x7b };

/** Plain opcodes taking no immediates. */
const simpleOps: Record<string, number> = {
  select: 0x1b,
  'i32.eqz': 0x45,
  'i32.eq': 0x46,
  'i32.ne': 0x47,
  'i32.lt_u': 0x49,
  'i32.gt_u': 0x4b,
  'i32.le_u': 0x4d,
  'i32.ge_u': 0x4f,
  'i32.add': 0x6a,
  'i32.sub': 0x6b,
  'i32.mul': 0x6c,
  'i32.and': 0x71,
  'i32.or': 0x72,
  'i32.shl': 0x74,
  'i32.shr_u': 0x76,
};

/** SIMD (0xfd-prefixed) opcodes taking no immediates. */
const simdOps: Record<string, number> = {
  'f32x4.splat': 0x13,
  'f32x4.eq': 0x41,
  'v128.not': 0x4d,
  'v128.and': 0x4e,
  'v128.andnot': 0x4f,
  'v128.or': 0x50,
  'f32x4.min': 0xe8,
  'f32x4.max': 0xe9,
  'f32x4.add': 0xe4,
  'f32x4.sub': 0xe5,
  'f32x4.mul': 0xe6,
};

/** Memory instructions: [prefix-or-undefined, opcode, natural alignment log2]. */
const memoryOps: Record<string, readonly [number | undefined, number, number]> = {
  'f32.load': [undefined, 0x2a, 2],
  'f32.store': [undefined, 0x38, 2],
  'v128.load': [0xfd, 0x00, 4],
  'v128.load32_splat': [0xfd, 0x09, 2],
  'v128.store': [0xfd, 0x0b, 4],
};

/** The memory import's limits: plain `(memory 0)`, or shared `(memory 0 65536 shared)`. */
function memoryLimits(shared: boolean): number[] {
  return shared ? [0x03, 0x00, ...unsigned(65536)] : [0x00, 0x00];
}

/**
 * Assembles a kernel module. With `sharedMemory` the module imports a shared memory, as the
 * threaded build of the wasm backend has (a module must declare the kind of memory it imports).
 */
export function assembleWat(
  source: string,
  options: { sharedMemory?: boolean } = {},
): Uint8Array<ArrayBuffer> {
  const module = parse(source);
  if (!Array.isArray(module) || module[0] !== 'module') throw new Error('WAT: expected (module …)');
  const fields = module.slice(1) as Sexp[][];
  const imports = fields.filter((field) => field[0] === 'import');
  const functions = fields.filter((field) => field[0] === 'func');
  if (
    imports.length !== 1 ||
    JSON.stringify(imports[0]) !== '["import","\\"env\\"","\\"memory\\"",["memory","0"]]'
  ) {
    throw new Error('WAT: the module must import exactly (memory 0) as "env" "memory"');
  }
  const compiled = functions.map(compileFunction);
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(compiled.map((fn) => [0x60, ...vector(fn.params.map((t) => [t])), 0x00]))),
    ...section(
      2,
      vector([[...name('env'), ...name('memory'), 0x02, ...memoryLimits(options.sharedMemory ?? false)]]),
    ),
    ...section(3, vector(compiled.map((_, index) => unsigned(index)))),
    ...section(7, vector(compiled.map((fn, index) => [...name(fn.exportName), 0x00, ...unsigned(index)]))),
    ...section(10, vector(compiled.map((fn) => sized(fn.body)))),
  ]);
}

interface CompiledFunction {
  readonly exportName: string;
  readonly params: number[];
  readonly body: number[];
}

function compileFunction(func: Sexp[]): CompiledFunction {
  let exportName: string | undefined;
  const locals: string[] = [];
  const params: number[] = [];
  const localTypes: number[] = [];
  // An optional function name (`$dw`) is allowed and ignored.
  let index = typeof func[1] === 'string' && func[1].startsWith('$') ? 2 : 1;
  for (; index < func.length && Array.isArray(func[index]); index++) {
    const [kind, ...rest] = func[index] as string[];
    if (kind === 'export') exportName = unquote(rest[0]);
    else if (kind === 'param' || kind === 'local') {
      const type = valueTypes[rest[1]];
      if (type === undefined || !rest[0].startsWith('$'))
        throw new Error(`WAT: bad ${kind} ${rest.join(' ')}`);
      locals.push(rest[0]);
      (kind === 'param' ? params : localTypes).push(type);
    } else break;
  }
  if (exportName === undefined) throw new Error('WAT: every func needs (export "name")');
  const code: number[] = [];
  const labels: string[] = [];
  for (const instruction of func.slice(index)) emit(instruction, code, { locals, labels });
  const groups: number[][] = [];
  for (const type of localTypes) {
    const last = groups[groups.length - 1];
    if (last && last[1] === type) last[0]++;
    else groups.push([1, type]);
  }
  const localDecls = vector(groups.map(([count, type]) => [...unsigned(count), type]));
  return { exportName, params, body: [...localDecls, ...code, 0x0b] };
}

interface Scope {
  readonly locals: readonly string[];
  /** Enclosing block/loop labels, innermost last. */
  readonly labels: string[];
}

function emit(node: Sexp, code: number[], scope: Scope): void {
  if (!Array.isArray(node)) throw new Error(`WAT: expected a folded instruction, got ${node}`);
  const [op, ...args] = node as [string, ...Sexp[]];
  if (op === 'block' || op === 'loop') {
    const label = args[0] as string;
    code.push(op === 'block' ? 0x02 : 0x03, 0x40);
    scope.labels.push(label);
    for (const inner of args.slice(1)) emit(inner, code, scope);
    scope.labels.pop();
    code.push(0x0b);
    return;
  }
  if (op === 'br' || op === 'br_if') {
    const depth = scope.labels.length - 1 - scope.labels.lastIndexOf(args[0] as string);
    if (depth >= scope.labels.length) throw new Error(`WAT: unknown label ${String(args[0])}`);
    for (const operand of args.slice(1)) emit(operand, code, scope);
    code.push(op === 'br' ? 0x0c : 0x0d, ...unsigned(depth));
    return;
  }
  if (op === 'local.get' || op === 'local.set' || op === 'local.tee') {
    const local = scope.locals.indexOf(args[0] as string);
    if (local < 0) throw new Error(`WAT: unknown local ${String(args[0])}`);
    for (const operand of args.slice(1)) emit(operand, code, scope);
    code.push({ 'local.get': 0x20, 'local.set': 0x21, 'local.tee': 0x22 }[op], ...unsigned(local));
    return;
  }
  if (op === 'i32.const') {
    code.push(0x41, ...signed(Number(args[0])));
    return;
  }
  if (op === 'v128.const') {
    if (args[0] !== 'i32x4' || args.length !== 5) throw new Error('WAT: v128.const takes i32x4 and 4 lanes');
    const lanes = new Uint8Array(new Int32Array(args.slice(1).map(Number)).buffer);
    code.push(0xfd, ...unsigned(0x0c), ...lanes);
    return;
  }
  if (op === 'i8x16.shuffle') {
    const lanes = args.slice(0, 16).map(Number);
    if (lanes.length !== 16 || lanes.some((lane) => !(lane >= 0 && lane < 32)))
      throw new Error('WAT: bad shuffle');
    for (const operand of args.slice(16)) emit(operand, code, scope);
    code.push(0xfd, ...unsigned(0x0d), ...lanes);
    return;
  }
  if (op === 'f32x4.extract_lane') {
    for (const operand of args.slice(1)) emit(operand, code, scope);
    code.push(0xfd, ...unsigned(0x1f), Number(args[0]));
    return;
  }
  if (op in memoryOps) {
    const [prefix, opcode, naturalAlign] = memoryOps[op];
    let offset = 0;
    let align = naturalAlign;
    const operands = args.filter((arg) => {
      if (typeof arg === 'string' && arg.startsWith('offset=')) offset = Number(arg.slice(7));
      else if (typeof arg === 'string' && arg.startsWith('align=')) align = Math.log2(Number(arg.slice(6)));
      else return true;
      return false;
    });
    for (const operand of operands) emit(operand, code, scope);
    code.push(
      ...(prefix === undefined ? [opcode] : [prefix, ...unsigned(opcode)]),
      ...unsigned(align),
      ...unsigned(offset),
    );
    return;
  }
  if (!(op in simpleOps) && !(op in simdOps)) throw new Error(`WAT: unsupported instruction ${op}`);
  for (const operand of args) emit(operand, code, scope);
  code.push(...(op in simpleOps ? [simpleOps[op]] : [0xfd, ...unsigned(simdOps[op])]));
}

function parse(source: string): Sexp {
  const tokens = source.replace(/;;[^\n]*/g, ' ').match(/\(|\)|"[^"]*"|[^\s()]+/g) ?? [];
  let position = 0;
  const read = (): Sexp => {
    const token = tokens[position++];
    if (token !== '(') {
      if (token === undefined || token === ')') throw new Error('WAT: unbalanced parentheses');
      return token;
    }
    const list: Sexp[] = [];
    while (tokens[position] !== ')') {
      if (position >= tokens.length) throw new Error('WAT: unbalanced parentheses');
      list.push(read());
    }
    position++;
    return list;
  };
  const tree = read();
  if (position !== tokens.length) throw new Error('WAT: text after the module');
  return tree;
}

function unquote(token: string): string {
  return token.replace(/^"|"$/g, '');
}

function unsigned(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

function signed(value: number): number[] {
  const bytes: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

/** Names are ASCII here (export and import names). */
function name(text: string): number[] {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error(`WAT: non-ASCII name ${text}`);
  return [...unsigned(text.length), ...Array.from(text, (char) => char.charCodeAt(0))];
}

function vector(items: number[][]): number[] {
  return [...unsigned(items.length), ...items.flat()];
}

function sized(bytes: number[]): number[] {
  return [...unsigned(bytes.length), ...bytes];
}

function section(id: number, content: number[]): number[] {
  return [id, ...sized(content)];
}
