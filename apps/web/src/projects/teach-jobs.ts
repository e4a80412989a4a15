// One teaching job at a time, owned by this module rather than a view: training goes on while the
// user draws elsewhere in the app, and any view can show its progress. Cancel terminates the worker.
import { useSyncExternalStore } from 'react';
import type { TrainingPoint } from './project-types';
import type { JobProgress, JobResult, TeachReply, TeachRequest } from './teach-messages';

export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobState {
  readonly projectId: string;
  readonly kind: TeachRequest['type'];
  /** Samples the job trains on. */
  readonly sampleCount: number;
  readonly status: JobStatus;
  readonly progress: JobProgress | null;
  /** One point per finished epoch. */
  readonly curve: readonly TrainingPoint[];
  readonly result?: JobResult;
  readonly error?: string;
}

/** Each kind of request without its job id (given here); distributes over the union. */
type WithoutJobId<R> = R extends unknown ? Omit<R, 'jobId'> : never;
type Request = WithoutJobId<TeachRequest>;

let state: JobState | null = null;
let worker: Worker | null = null;
let nextJobId = 1;
const listeners = new Set<() => void>();

function setState(next: JobState | null): void {
  state = next;
  for (const listener of listeners) listener();
}

function withCurve(curve: readonly TrainingPoint[], progress: JobProgress): readonly TrainingPoint[] {
  const { epoch, loss, accuracy, validationAccuracy } = progress;
  if (progress.stage !== 'training' || loss === undefined || accuracy === undefined || epoch < 1)
    return curve;
  const point = { epoch, loss, accuracy, ...(validationAccuracy !== undefined && { validationAccuracy }) };
  const last = curve[curve.length - 1];
  return last?.epoch === epoch ? [...curve.slice(0, -1), point] : [...curve, point];
}

function startWorker(): Worker {
  worker ??= new Worker(new URL('./teach-worker.ts', import.meta.url), {
    type: 'module',
    name: 'glyph-teach',
  });
  return worker;
}

/**
 * Starts a job (cancelling any running one) and resolves with its result; `onDone` runs even if the
 * view that started the job is gone (it saves the model).
 */
export function startJob(
  projectId: string,
  sampleCount: number,
  request: Request,
  onDone: (result: JobResult) => Promise<void>,
): void {
  cancelJob();
  const jobId = nextJobId++;
  const running = startWorker();
  setState({ projectId, kind: request.type, sampleCount, status: 'running', progress: null, curve: [] });
  running.onmessage = (event: MessageEvent<TeachReply>) => {
    const reply = event.data;
    if (reply.jobId !== jobId || state?.status !== 'running') return;
    if (reply.type === 'progress') {
      setState({ ...state, progress: reply.progress, curve: withCurve(state.curve, reply.progress) });
    } else if (reply.type === 'failed') {
      setState({ ...state, status: 'failed', error: reply.message });
    } else {
      const finished = state;
      onDone(reply.result).then(
        () => setState({ ...finished, status: 'done', result: reply.result }),
        (error: unknown) =>
          setState({
            ...finished,
            status: 'failed',
            error: `The model could not be saved: ${String(error)}`,
          }),
      );
    }
  };
  running.onerror = (event) => {
    if (state?.status === 'running') {
      setState({ ...state, status: 'failed', error: event.message || 'The training worker stopped.' });
    }
  };
  running.postMessage({ ...request, jobId } as TeachRequest);
}

export function cancelJob(): void {
  if (state?.status !== 'running') return;
  worker?.terminate();
  worker = null;
  setState({ ...state, status: 'cancelled' });
}

/** Forgets a finished job (e.g. after a personal model was kept or discarded). */
export function clearJob(projectId: string): void {
  if (state && state.projectId === projectId && state.status !== 'running') setState(null);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useJob(): JobState | null {
  return useSyncExternalStore(subscribe, () => state);
}
