/**
 * y = x·g + h per channel (NHWC flattened to `[rows, C]`, C a multiple of 4, float32, byte offsets):
 * batch norm once its statistics are folded into g = γ/√(var+ε) and h = β − mean·g.
 */
export const channelAffineWat = `
(module
  (import "env" "memory" (memory 0))
  (func (export "channelAffine")
    (param $x i32) (param $g i32) (param $h i32) (param $y i32) (param $rows i32) (param $C i32)
    (local $row i32) (local $c i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $C) (i32.const 2)))
    (local.set $row (i32.const 0))
    (block $rowsDone (loop $rowLoop
      (br_if $rowsDone (i32.ge_u (local.get $row) (local.get $rows)))
      (local.set $c (i32.const 0))
      (block $cDone (loop $cLoop
        (br_if $cDone (i32.ge_u (local.get $c) (local.get $rowBytes)))
        (v128.store (i32.add (local.get $y) (local.get $c))
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $x) (local.get $c))) (v128.load (i32.add (local.get $g) (local.get $c))))
            (v128.load (i32.add (local.get $h) (local.get $c)))))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $cLoop)))
      (local.set $x (i32.add (local.get $x) (local.get $rowBytes)))
      (local.set $y (i32.add (local.get $y) (local.get $rowBytes)))
      (local.set $row (i32.add (local.get $row) (i32.const 1)))
      (br $rowLoop)))))
`;
