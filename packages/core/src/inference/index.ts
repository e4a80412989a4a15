export { compileNetwork, type CompiledNetwork } from './compile-network';
