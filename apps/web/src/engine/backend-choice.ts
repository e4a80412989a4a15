// Kept apart from tf-backend.ts so the settings UI can name backends without loading TF.js.
export type BackendChoice = 'auto' | 'webgpu' | 'webgl' | 'wasm';

export const backendChoices: readonly { value: BackendChoice; title: string }[] = [
  { value: 'auto', title: 'Automatic' },
  { value: 'webgpu', title: 'WebGPU' },
  { value: 'webgl', title: 'WebGL' },
  { value: 'wasm', title: 'WebAssembly' },
];
