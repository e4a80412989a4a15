export { ParallelTrainer, type ParallelTrainerOptions } from './parallel-trainer';
