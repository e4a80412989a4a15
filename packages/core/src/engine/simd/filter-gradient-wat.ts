/** Accumulator row r of the 4×8 register tile: two f32x4 (8 output channels). */
const rows = [0, 1, 2, 3];

/** Address of tile row r: tile + r·rowBytes. */
function rowAddress(r: number): string {
  if (r === 0) return '(local.get $tile)';
  if (r === 1) return '(i32.add (local.get $tile) (local.get $rowBytes))';
  return `(i32.add (local.get $tile) (i32.mul (local.get $rowBytes) (i32.const ${r})))`;
}

const loadTile = rows
  .map(
    (r) => `
                (local.set $a${r}0 (v128.load offset=0 ${rowAddress(r)}))
                (local.set $a${r}1 (v128.load offset=16 ${rowAddress(r)}))`,
  )
  .join('');

const storeTile = rows
  .map(
    (r) => `
                (v128.store offset=0 ${rowAddress(r)} (local.get $a${r}0))
                (v128.store offset=16 ${rowAddress(r)} (local.get $a${r}1))`,
  )
  .join('');

const multiplyAccumulate = rows
  .map(
    (r) => `
                  (local.set $s (v128.load32_splat offset=${4 * r} (local.get $px)))
                  (local.set $a${r}0 (f32x4.add (local.get $a${r}0) (f32x4.mul (local.get $s) (local.get $d0))))
                  (local.set $a${r}1 (f32x4.add (local.get $a${r}1) (f32x4.mul (local.get $s) (local.get $d1))))`,
  )
  .join('');

/** Byte offset of dW[kh, kw, ci, co]: dw + (((kh·KW + kw)·Ci + ci)·Co + co)·4. */
const tileAddress = `(i32.add (local.get $dw) (i32.shl
                  (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $kh) (local.get $KW)) (local.get $kw)) (local.get $Ci)) (local.get $ci)) (local.get $Co)) (local.get $co))
                  (i32.const 2)))`;

/**
 * The filter gradient of a 2-D convolution in WebAssembly SIMD:
 * dW[kh,kw,ci,co] += Σ_{b,oh,ow} x[b, oh·sh + kh·dh, ow·sw + kw·dw, ci] · dy[b, oh, ow, co],
 * x `[B,H,W,Ci]` already padded, dy `[B,OH,OW,Co]`, dW `[KH,KW,Ci,Co]` accumulated in place,
 * all float32 and addressed by byte offsets in the backend's memory; Co must be a multiple of 8.
 *
 * For each output row (b, oh) — whose input rows and gradient row sit in L1 — and each filter
 * tap, a 4-input-channel × 8-output-channel tile of dW stays in eight registers while the row's
 * pixels stream by: four broadcast loads of x, two vector loads of dy, eight multiply-adds.
 * Input channels left over from the blocks of four take a 1 × 8 tile.
 */
export const filterGradientWat = `
(module
  (import "env" "memory" (memory 0))
  (func (export "conv2dFilterGradient")
    (param $x i32) (param $dy i32) (param $dw i32)
    (param $B i32) (param $H i32) (param $W i32) (param $Ci i32)
    (param $OH i32) (param $OW i32) (param $Co i32) (param $KH i32) (param $KW i32)
    (param $sh i32) (param $sw i32) (param $dh i32) (param $dwi i32)
    (local $b i32) (local $oh i32) (local $kh i32) (local $kw i32) (local $ci i32) (local $co i32) (local $ow i32)
    (local $dyRow i32) (local $xRow i32) (local $xStart i32) (local $tile i32) (local $px i32) (local $pd i32)
    (local $xStep i32) (local $pxStep i32) (local $dyStep i32) (local $rowBytes i32) (local $ci4 i32)
    (local $a00 v128) (local $a01 v128) (local $a10 v128) (local $a11 v128)
    (local $a20 v128) (local $a21 v128) (local $a30 v128) (local $a31 v128)
    (local $d0 v128) (local $d1 v128) (local $s v128)
    (local.set $xStep (i32.shl (local.get $Ci) (i32.const 2)))
    (local.set $pxStep (i32.mul (local.get $xStep) (local.get $sw)))
    (local.set $dyStep (i32.shl (local.get $Co) (i32.const 2)))
    (local.set $rowBytes (local.get $dyStep))
    (local.set $ci4 (i32.and (local.get $Ci) (i32.const -4)))
    (local.set $b (i32.const 0))
    (block $bDone (loop $bLoop
      (br_if $bDone (i32.ge_u (local.get $b) (local.get $B)))
      (local.set $oh (i32.const 0))
      (block $ohDone (loop $ohLoop
        (br_if $ohDone (i32.ge_u (local.get $oh) (local.get $OH)))
        (local.set $dyRow (i32.add (local.get $dy)
          (i32.mul (i32.mul (i32.add (i32.mul (local.get $b) (local.get $OH)) (local.get $oh)) (local.get $OW)) (local.get $dyStep))))
        (local.set $kh (i32.const 0))
        (block $khDone (loop $khLoop
          (br_if $khDone (i32.ge_u (local.get $kh) (local.get $KH)))
          ;; xRow = x + ((b·H + oh·sh + kh·dh)·W)·Ci·4
          (local.set $xRow (i32.add (local.get $x) (i32.mul (i32.mul
            (i32.add (i32.mul (local.get $b) (local.get $H))
              (i32.add (i32.mul (local.get $oh) (local.get $sh)) (i32.mul (local.get $kh) (local.get $dh))))
            (local.get $W)) (local.get $xStep))))
          (local.set $kw (i32.const 0))
          (block $kwDone (loop $kwLoop
            (br_if $kwDone (i32.ge_u (local.get $kw) (local.get $KW)))
            (local.set $xStart (i32.add (local.get $xRow) (i32.mul (i32.mul (local.get $kw) (local.get $dwi)) (local.get $xStep))))
            (local.set $ci (i32.const 0))
            (block $ciDone (loop $ciLoop
              (br_if $ciDone (i32.ge_u (local.get $ci) (local.get $ci4)))
              (local.set $co (i32.const 0))
              (block $coDone (loop $coLoop
                (br_if $coDone (i32.ge_u (local.get $co) (local.get $Co)))
                (local.set $tile ${tileAddress})${loadTile}
                (local.set $px (i32.add (local.get $xStart) (i32.shl (local.get $ci) (i32.const 2))))
                (local.set $pd (i32.add (local.get $dyRow) (i32.shl (local.get $co) (i32.const 2))))
                (local.set $ow (local.get $OW))
                (block $owDone (loop $owLoop
                  (br_if $owDone (i32.eqz (local.get $ow)))
                  (local.set $d0 (v128.load offset=0 (local.get $pd)))
                  (local.set $d1 (v128.load offset=16 (local.get $pd)))${multiplyAccumulate}
                  (local.set $px (i32.add (local.get $px) (local.get $pxStep)))
                  (local.set $pd (i32.add (local.get $pd) (local.get $dyStep)))
                  (local.set $ow (i32.sub (local.get $ow) (i32.const 1)))
                  (br $owLoop)))${storeTile}
                (local.set $co (i32.add (local.get $co) (i32.const 8)))
                (br $coLoop)))
              (local.set $ci (i32.add (local.get $ci) (i32.const 4)))
              (br $ciLoop)))
            (block $restDone (loop $restLoop
              (br_if $restDone (i32.ge_u (local.get $ci) (local.get $Ci)))
              (local.set $co (i32.const 0))
              (block $restCoDone (loop $restCoLoop
                (br_if $restCoDone (i32.ge_u (local.get $co) (local.get $Co)))
                (local.set $tile ${tileAddress})
                (local.set $a00 (v128.load offset=0 (local.get $tile)))
                (local.set $a01 (v128.load offset=16 (local.get $tile)))
                (local.set $px (i32.add (local.get $xStart) (i32.shl (local.get $ci) (i32.const 2))))
                (local.set $pd (i32.add (local.get $dyRow) (i32.shl (local.get $co) (i32.const 2))))
                (local.set $ow (local.get $OW))
                (block $restOwDone (loop $restOwLoop
                  (br_if $restOwDone (i32.eqz (local.get $ow)))
                  (local.set $s (v128.load32_splat offset=0 (local.get $px)))
                  (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $s) (v128.load offset=0 (local.get $pd)))))
                  (local.set $a01 (f32x4.add (local.get $a01) (f32x4.mul (local.get $s) (v128.load offset=16 (local.get $pd)))))
                  (local.set $px (i32.add (local.get $px) (local.get $pxStep)))
                  (local.set $pd (i32.add (local.get $pd) (local.get $dyStep)))
                  (local.set $ow (i32.sub (local.get $ow) (i32.const 1)))
                  (br $restOwLoop)))
                (v128.store offset=0 (local.get $tile) (local.get $a00))
                (v128.store offset=16 (local.get $tile) (local.get $a01))
                (local.set $co (i32.add (local.get $co) (i32.const 8)))
                (br $restCoLoop)))
              (local.set $ci (i32.add (local.get $ci) (i32.const 1)))
              (br $restLoop)))
            (local.set $kw (i32.add (local.get $kw) (i32.const 1)))
            (br $kwLoop)))
          (local.set $kh (i32.add (local.get $kh) (i32.const 1)))
          (br $khLoop)))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br $ohLoop)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $bLoop)))))
`;
