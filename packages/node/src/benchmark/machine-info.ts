import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import * as tf from '@tensorflow/tfjs';

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly node: string;
  readonly platform: string;
  readonly tfjs: string;
  /** Load average over the last minute: other work on the machine makes every figure slower. */
  readonly loadAverage1m: number;
}

export function machineInfo(): MachineInfo {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    tfjs: tf.version.tfjs,
    loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
  };
}
