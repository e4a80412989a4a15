import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { ReplyEnvelope, RequestEnvelope, StartReport, ThreadData } from './thread-protocol';
import { lowerThisThreadPriority } from './thread-priority';
import { toWireError } from './wire-error';

/** The thread's side of a `ThreadChannel`. */
export interface ThreadService<Request, Reply, Ready = undefined> {
  /** Sent to the starting thread once; `ThreadChannel.ready` holds it. */
  readonly ready?: Ready;
  /** Answers one request; a throw (or rejection) travels back as the request's error. */
  handle(request: Request): Reply | Promise<Reply>;
  /** Buffers of `reply` that move to the main thread instead of being copied. */
  transferOf?(reply: Reply): readonly ArrayBuffer[];
  /** One request at a time in arrival order (default: each as it arrives). */
  readonly oneAtATime?: boolean;
}

/**
 * Runs in a thread's entry module: lowers the thread's priority if asked, runs `setup` with the
 * starter's data, reports ready (or setup's error), then answers requests with `service.handle`.
 */
export function serveThread<Data, Request, Reply, Ready = undefined>(
  setup: (data: Data) => ThreadService<Request, Reply, Ready> | Promise<ThreadService<Request, Reply, Ready>>,
): void {
  const port = parentPort;
  if (!port) throw new Error('serveThread runs only in a worker thread started by ThreadChannel.');
  const { data, niceness } = workerData as ThreadData<Data>;
  lowerThisThreadPriority(niceness);
  void (async () => {
    let service: ThreadService<Request, Reply, Ready>;
    try {
      service = await setup(data);
    } catch (error) {
      port.postMessage({ failed: toWireError(error) } satisfies StartReport<Ready>);
      return;
    }
    let queue = Promise.resolve();
    port.on('message', (envelope: RequestEnvelope<Request>) => {
      if (service.oneAtATime) queue = queue.then(() => answer(port, service, envelope));
      else void answer(port, service, envelope);
    });
    port.postMessage({ ready: service.ready } as StartReport<Ready>);
  })();
}

async function answer<Request, Reply>(
  port: MessagePort,
  service: ThreadService<Request, Reply, unknown>,
  { id, request }: RequestEnvelope<Request>,
): Promise<void> {
  let reply: Reply;
  try {
    reply = await service.handle(request);
  } catch (error) {
    postError(port, id, error);
    return;
  }
  const envelope: ReplyEnvelope<Reply> = { id, reply };
  const transfer = service.transferOf?.(reply);
  try {
    if (transfer && transfer.length > 0) {
      try {
        port.postMessage(envelope, transfer);
        return;
      } catch {
        // a buffer that cannot move (external memory) is copied instead
      }
    }
    port.postMessage(envelope);
  } catch (error) {
    postError(port, id, error); // the reply cannot be cloned
  }
}

function postError(port: MessagePort, id: number, error: unknown): void {
  const wire = toWireError(error);
  try {
    port.postMessage({ id, error: wire } satisfies ReplyEnvelope<never>);
  } catch {
    // details that cannot be cloned stay behind; the code and message still travel
    const { details: _, ...rest } = wire;
    port.postMessage({ id, error: rest } satisfies ReplyEnvelope<never>);
  }
}
