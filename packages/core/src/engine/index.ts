export { initEngine, type EngineInfo, type EngineOptions } from './init-engine';
export { registerTrainingKernels, unregisterTrainingKernels } from './register-training-kernels';
export { setSimdKernelsEnabled } from './simd/simd-kernels';
