import { ThreadChannel, type ThreadOptions } from './thread-channel';

/** Starts `entry` in a thread of its own, sends it one request and stops it once it has answered. */
export async function runInThread<Request, Reply, Data = undefined>(
  entry: URL,
  request: Request,
  options: Partial<ThreadOptions<Data>> = {},
): Promise<Reply> {
  const channel = await ThreadChannel.start<Request, Reply, undefined, Data>(entry, {
    ...options,
    data: options.data as Data,
  });
  try {
    return await channel.request(request);
  } finally {
    await channel.terminate();
  }
}
