/**
 * The per-element part of a batch-norm gradient in one pass (NHWC flattened to `[rows, C]`, C a
 * multiple of 4, float32, byte offsets): dx = dy·g (g = γ·rsqrt(var + ε) per channel) and the
 * per-channel sums Σdy and Σdy·(x − mean), accumulated into `sumDy`/`sumDyCentered` (zeroed by the
 * caller). The stock gradient spends about fifteen full passes over the activations on the same.
 */
export const batchNormGradWat = `
(module
  (import "env" "memory" (memory 0))
  (func (export "batchNormGrad")
    (param $x i32) (param $dy i32) (param $dx i32) (param $mean i32) (param $g i32)
    (param $sumDy i32) (param $sumDyCentered i32) (param $rows i32) (param $C i32)
    (local $row i32) (local $c i32) (local $rowBytes i32) (local $d v128)
    (local.set $rowBytes (i32.shl (local.get $C) (i32.const 2)))
    (local.set $row (i32.const 0))
    (block $rowsDone (loop $rowLoop
      (br_if $rowsDone (i32.ge_u (local.get $row) (local.get $rows)))
      (local.set $c (i32.const 0))
      (block $cDone (loop $cLoop
        (br_if $cDone (i32.ge_u (local.get $c) (local.get $rowBytes)))
        (local.set $d (v128.load (i32.add (local.get $dy) (local.get $c))))
        (v128.store (i32.add (local.get $dx) (local.get $c))
          (f32x4.mul (local.get $d) (v128.load (i32.add (local.get $g) (local.get $c)))))
        (v128.store (i32.add (local.get $sumDy) (local.get $c))
          (f32x4.add (v128.load (i32.add (local.get $sumDy) (local.get $c))) (local.get $d)))
        (v128.store (i32.add (local.get $sumDyCentered) (local.get $c))
          (f32x4.add (v128.load (i32.add (local.get $sumDyCentered) (local.get $c)))
            (f32x4.mul (local.get $d)
              (f32x4.sub (v128.load (i32.add (local.get $x) (local.get $c))) (v128.load (i32.add (local.get $mean) (local.get $c)))))))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $cLoop)))
      (local.set $x (i32.add (local.get $x) (local.get $rowBytes)))
      (local.set $dy (i32.add (local.get $dy) (local.get $rowBytes)))
      (local.set $dx (i32.add (local.get $dx) (local.get $rowBytes)))
      (local.set $row (i32.add (local.get $row) (i32.const 1)))
      (br $rowLoop)))))
`;
