// Picks the TF.js backend for this device: WebGPU or WebGL when the GPU is real, else WASM with its
// .wasm binaries served from our own origin (Vite copies them into the build and hashes their names).
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { GlyphError } from '@glyph/core';
import type { BackendChoice } from './backend-choice';
import { disableWasmThreads, wasmPaths } from './wasm-paths';

type BackendName = Exclude<BackendChoice, 'auto'> | 'cpu';

interface GpuNavigator {
  readonly gpu?: { requestAdapter(): Promise<unknown> };
}

async function hasWebgpuAdapter(): Promise<boolean> {
  const gpu = (navigator as GpuNavigator).gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) !== null;
  } catch {
    return false;
  }
}

/**
 * A software rasteriser (SwiftShader, llvmpipe) runs small models slower than WASM: skip it. Headless
 * Chromium reports SwiftShader without the "major performance caveat", so the renderer is read too.
 */
function hasHardwareWebgl(): boolean {
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2', { failIfMajorPerformanceCaveat: true });
  if (!gl) return false;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return !/swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
}

async function autoOrder(): Promise<BackendName[]> {
  const order: BackendName[] = [];
  if (await hasWebgpuAdapter()) order.push('webgpu');
  if (hasHardwareWebgl()) order.push('webgl');
  return [...order, 'wasm', 'cpu'];
}

let wasmPathsSet = false;

function setWasmPathsOnce(): void {
  if (wasmPathsSet) return;
  disableWasmThreads();
  setWasmPaths(wasmPaths);
  wasmPathsSet = true;
}

async function trySetBackend(name: BackendName): Promise<boolean> {
  try {
    if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
    if (name === 'wasm') setWasmPathsOnce();
    return await tf.setBackend(name);
  } catch (error) {
    console.warn(`TensorFlow.js backend "${name}" did not start; trying the next one.`, error);
    return false;
  }
}

let current: { choice: BackendChoice; name: Promise<BackendName> } | null = null;

async function start(choice: BackendChoice): Promise<BackendName> {
  const order: BackendName[] = choice === 'auto' ? await autoOrder() : [choice, 'wasm', 'cpu'];
  for (const name of order) {
    if (await trySetBackend(name)) {
      await tf.ready();
      return name;
    }
  }
  throw new GlyphError(
    'BACKEND_UNAVAILABLE',
    `No TensorFlow.js backend could start in this browser (tried ${order.join(', ')}). Switch the engine to "Server".`,
  );
}

/** Starts (once per choice) and returns the name of the backend in use. */
export function startBackend(choice: BackendChoice): Promise<BackendName> {
  if (current?.choice !== choice) current = { choice, name: start(choice) };
  return current.name;
}
