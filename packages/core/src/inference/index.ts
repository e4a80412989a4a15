export { compileNetwork, type CompiledNetwork } from './compile-network';
export { asProbabilities, forwardProbabilities, type Network } from './forward-pass';
