/** Local names of the accumulators of row r: `$a{r}0`, `$a{r}1` (nn) or `$a{r}` (nt). */
const quad = [0, 1, 2, 3];

/** `(local.set $p{r} …)`: row pointer r, clamped to the last row so a partial tile needs no branch. */
function clampedRows(prefix: string, base: string, step: string, count: string): string {
  return quad
    .slice(1)
    .map(
      (r) => `
          (local.set $${prefix}${r} (i32.add (local.get $${prefix}${r - 1})
            (select (local.get ${step}) (i32.const 0) (i32.gt_u (local.get ${count}) (i32.const ${r})))))`,
    )
    .join('')
    .replace(/^/, `\n          (local.set $${prefix}0 ${base})`);
}

/**
 * C = A·B for row-major A `[M,K]`, B `[K,N]`, C `[M,N]` (float32, byte offsets), N a multiple of 8.
 * Tiles of 4 rows × 8 columns of C stay in eight registers while k runs: four broadcast loads of A,
 * two vector loads of B, eight multiply-adds. Column blocks are the outer loop so a block of B
 * (K × 8 floats) stays in cache for every row tile. Rows past M repeat the last row (same result,
 * stored last), which keeps one code path.
 */
const matMulNN = `
  (func (export "matMul")
    (param $a i32) (param $b i32) (param $c i32) (param $M i32) (param $K i32) (param $N i32)
    (local $m i32) (local $n i32) (local $k i32) (local $rows i32) (local $aStep i32) (local $bStep i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $q0 i32) (local $q1 i32) (local $q2 i32) (local $q3 i32) (local $pb i32)
    (local $a00 v128) (local $a01 v128) (local $a10 v128) (local $a11 v128)
    (local $a20 v128) (local $a21 v128) (local $a30 v128) (local $a31 v128)
    (local $b0 v128) (local $b1 v128) (local $s v128)
    (local.set $aStep (i32.shl (local.get $K) (i32.const 2)))
    (local.set $bStep (i32.shl (local.get $N) (i32.const 2)))
    (local.set $n (i32.const 0))
    (block $nDone (loop $nLoop
      (br_if $nDone (i32.ge_u (local.get $n) (local.get $N)))
      (local.set $m (i32.const 0))
      (block $mDone (loop $mLoop
        (br_if $mDone (i32.ge_u (local.get $m) (local.get $M)))
        (local.set $rows (i32.sub (local.get $M) (local.get $m)))${clampedRows('p', '(i32.add (local.get $a) (i32.mul (local.get $m) (local.get $aStep)))', '$aStep', '$rows')}${clampedRows('q', '(i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $m) (local.get $N)) (local.get $n)) (i32.const 2)))', '$bStep', '$rows')}
${quad.map((r) => `        (local.set $a${r}0 (v128.const i32x4 0 0 0 0)) (local.set $a${r}1 (v128.const i32x4 0 0 0 0))`).join('\n')}
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $n) (i32.const 2))))
        (local.set $k (i32.const 0))
        (block $kDone (loop $kLoop
          (br_if $kDone (i32.ge_u (local.get $k) (local.get $aStep)))
          (local.set $b0 (v128.load offset=0 (local.get $pb)))
          (local.set $b1 (v128.load offset=16 (local.get $pb)))
${quad
  .map(
    (r) => `          (local.set $s (v128.load32_splat (i32.add (local.get $p${r}) (local.get $k))))
          (local.set $a${r}0 (f32x4.add (local.get $a${r}0) (f32x4.mul (local.get $s) (local.get $b0))))
          (local.set $a${r}1 (f32x4.add (local.get $a${r}1) (f32x4.mul (local.get $s) (local.get $b1))))`,
  )
  .join('\n')}
          (local.set $pb (i32.add (local.get $pb) (local.get $bStep)))
          (local.set $k (i32.add (local.get $k) (i32.const 4)))
          (br $kLoop)))
${[3, 2, 1, 0].map((r) => `        (v128.store offset=0 (local.get $q${r}) (local.get $a${r}0)) (v128.store offset=16 (local.get $q${r}) (local.get $a${r}1))`).join('\n')}
        (local.set $m (i32.add (local.get $m) (i32.const 4)))
        (br $mLoop)))
      (local.set $n (i32.add (local.get $n) (i32.const 8)))
      (br $nLoop))))`;

/** Horizontal sum of accumulator $x, stored as one float at `address`. */
function storeSum(accumulator: string, address: string): string {
  return `
          (local.set $s (f32x4.add (local.get ${accumulator}) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get ${accumulator}) (local.get ${accumulator}))))
          (f32.store ${address} (f32x4.extract_lane 0 (f32x4.add (local.get $s) (i8x16.shuffle 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 (local.get $s) (local.get $s)))))`;
}

/**
 * C = A·Bᵀ for row-major A `[M,K]`, B `[N,K]`, C `[M,N]`, K a multiple of 4: every output is a dot
 * product of two contiguous rows. Tiles of 2 rows of A × 4 rows of B keep eight vector sums; the
 * outer loop walks B so its four rows stay in L1 while all of A (small here) streams from L2.
 */
const matMulNT = `
  (func (export "matMulTransposedRight")
    (param $a i32) (param $b i32) (param $c i32) (param $M i32) (param $K i32) (param $N i32)
    (local $m i32) (local $n i32) (local $k i32) (local $rows i32) (local $cols i32) (local $step i32) (local $cStep i32)
    (local $p0 i32) (local $p1 i32) (local $q0 i32) (local $q1 i32) (local $q2 i32) (local $q3 i32) (local $out0 i32) (local $out1 i32)
    (local $x0 v128) (local $x1 v128) (local $y v128) (local $s v128)
${[0, 1].map((i) => quad.map((j) => `    (local $c${i}${j} v128)`).join(' ')).join('\n')}
    (local.set $step (i32.shl (local.get $K) (i32.const 2)))
    (local.set $cStep (i32.shl (local.get $N) (i32.const 2)))
    (local.set $n (i32.const 0))
    (block $nDone (loop $nLoop
      (br_if $nDone (i32.ge_u (local.get $n) (local.get $N)))
      (local.set $cols (i32.sub (local.get $N) (local.get $n)))${clampedRows('q', '(i32.add (local.get $b) (i32.mul (local.get $n) (local.get $step)))', '$step', '$cols')}
      (local.set $m (i32.const 0))
      (block $mDone (loop $mLoop
        (br_if $mDone (i32.ge_u (local.get $m) (local.get $M)))
        (local.set $rows (i32.sub (local.get $M) (local.get $m)))
        (local.set $p0 (i32.add (local.get $a) (i32.mul (local.get $m) (local.get $step))))
        (local.set $p1 (i32.add (local.get $p0) (select (local.get $step) (i32.const 0) (i32.gt_u (local.get $rows) (i32.const 1)))))
${[0, 1].map((i) => quad.map((j) => `        (local.set $c${i}${j} (v128.const i32x4 0 0 0 0))`).join('\n')).join('\n')}
        (local.set $k (i32.const 0))
        (block $kDone (loop $kLoop
          (br_if $kDone (i32.ge_u (local.get $k) (local.get $step)))
          (local.set $x0 (v128.load (i32.add (local.get $p0) (local.get $k))))
          (local.set $x1 (v128.load (i32.add (local.get $p1) (local.get $k))))
${quad
  .map(
    (j) => `          (local.set $y (v128.load (i32.add (local.get $q${j}) (local.get $k))))
          (local.set $c0${j} (f32x4.add (local.get $c0${j}) (f32x4.mul (local.get $x0) (local.get $y))))
          (local.set $c1${j} (f32x4.add (local.get $c1${j}) (f32x4.mul (local.get $x1) (local.get $y))))`,
  )
  .join('\n')}
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br $kLoop)))
        ;; Rows/columns past the edge repeat the last one; writing in reverse leaves the true value.
        (local.set $out0 (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $m) (local.get $N)) (local.get $n)) (i32.const 2))))
        (local.set $out1 (i32.add (local.get $out0) (select (local.get $cStep) (i32.const 0) (i32.gt_u (local.get $rows) (i32.const 1)))))
${[1, 0]
  .map((i) =>
    [3, 2, 1, 0]
      .map((j) =>
        storeSum(
          `$c${i}${j}`,
          `(i32.add (local.get $out${i}) (select (i32.const ${4 * j}) (i32.const 0) (i32.gt_u (local.get $cols) (i32.const ${j}))))`,
        ),
      )
      .join(''),
  )
  .join('')}
        (local.set $m (i32.add (local.get $m) (i32.const 2)))
        (br $mLoop)))
      (local.set $n (i32.add (local.get $n) (i32.const 4)))
      (br $nLoop))))`;

/** Matrix products for training on fresh weights, where XNNPACK would repack B on every call. */
export const matMulWat = `
(module
  (import "env" "memory" (memory 0))${matMulNN}${matMulNT})
`;
