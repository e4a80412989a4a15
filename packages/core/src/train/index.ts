export type { BatchResult, BatchTrainer } from './batch-trainer';
