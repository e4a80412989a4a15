/**
 * Gradient of a 2×2, stride-2 max pool without padding, channels a multiple of 4 (NHWC, float32,
 * byte offsets): every input pixel belongs to exactly one window, so each of the window's four
 * pixels gets dy where it is the window's first maximum and 0 elsewhere — the `cpu` backend's rule.
 * Four channels at a time, without branches: m = max of the taps; tap i wins where it equals m and
 * no earlier tap did. Input rows/columns past the last full window are not written (the caller
 * zeroes them).
 */
export const maxPoolGradWat = `
(module
  (import "env" "memory" (memory 0))
  (func (export "maxPool2x2Grad")
    (param $x i32) (param $dy i32) (param $dx i32)
    (param $B i32) (param $H i32) (param $W i32) (param $C i32) (param $OH i32) (param $OW i32)
    (local $b i32) (local $oh i32) (local $ow i32) (local $c i32)
    (local $pixel i32) (local $row i32) (local $corner i32) (local $pd i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $m v128) (local $g v128) (local $e0 v128) (local $e1 v128) (local $e2 v128) (local $taken v128)
    (local.set $pixel (i32.shl (local.get $C) (i32.const 2)))
    (local.set $row (i32.mul (local.get $W) (local.get $pixel)))
    (local.set $pd (local.get $dy))
    (local.set $b (i32.const 0))
    (block $bDone (loop $bLoop
      (br_if $bDone (i32.ge_u (local.get $b) (local.get $B)))
      (local.set $oh (i32.const 0))
      (block $ohDone (loop $ohLoop
        (br_if $ohDone (i32.ge_u (local.get $oh) (local.get $OH)))
        (local.set $ow (i32.const 0))
        (block $owDone (loop $owLoop
          (br_if $owDone (i32.ge_u (local.get $ow) (local.get $OW)))
          ;; corner = ((b·H + 2·oh)·W + 2·ow)·C·4, the window's top-left pixel in x and dx
          (local.set $corner (i32.mul (i32.add
            (i32.mul (i32.add (i32.mul (local.get $b) (local.get $H)) (i32.shl (local.get $oh) (i32.const 1))) (local.get $W))
            (i32.shl (local.get $ow) (i32.const 1))) (local.get $pixel)))
          (local.set $c (i32.const 0))
          (block $cDone (loop $cLoop
            (br_if $cDone (i32.ge_u (local.get $c) (local.get $pixel)))
            (local.set $v0 (v128.load (i32.add (local.get $x) (local.get $corner))))
            (local.set $v1 (v128.load (i32.add (i32.add (local.get $x) (local.get $corner)) (local.get $pixel))))
            (local.set $v2 (v128.load (i32.add (i32.add (local.get $x) (local.get $corner)) (local.get $row))))
            (local.set $v3 (v128.load (i32.add (i32.add (i32.add (local.get $x) (local.get $corner)) (local.get $row)) (local.get $pixel))))
            (local.set $m (f32x4.max (f32x4.max (local.get $v0) (local.get $v1)) (f32x4.max (local.get $v2) (local.get $v3))))
            (local.set $g (v128.load (local.get $pd)))
            (local.set $e0 (f32x4.eq (local.get $v0) (local.get $m)))
            (local.set $e1 (v128.andnot (f32x4.eq (local.get $v1) (local.get $m)) (local.get $e0)))
            (local.set $taken (v128.or (local.get $e0) (local.get $e1)))
            (local.set $e2 (v128.andnot (f32x4.eq (local.get $v2) (local.get $m)) (local.get $taken)))
            (local.set $taken (v128.or (local.get $taken) (local.get $e2)))
            (v128.store (i32.add (local.get $dx) (local.get $corner)) (v128.and (local.get $g) (local.get $e0)))
            (v128.store (i32.add (i32.add (local.get $dx) (local.get $corner)) (local.get $pixel)) (v128.and (local.get $g) (local.get $e1)))
            (v128.store (i32.add (i32.add (local.get $dx) (local.get $corner)) (local.get $row)) (v128.and (local.get $g) (local.get $e2)))
            (v128.store (i32.add (i32.add (i32.add (local.get $dx) (local.get $corner)) (local.get $row)) (local.get $pixel))
              (v128.andnot (v128.and (local.get $g) (f32x4.eq (local.get $v3) (local.get $m))) (local.get $taken)))
            (local.set $corner (i32.add (local.get $corner) (i32.const 16)))
            (local.set $pd (i32.add (local.get $pd) (i32.const 16)))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $cLoop)))
          (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
          (br $owLoop)))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br $ohLoop)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $bLoop)))))
`;
