export { runInThread } from './run-in-thread';
export { serveThread, type ThreadService } from './serve-thread';
export { ThreadChannel, type ThreadOptions, type ThreadStop } from './thread-channel';
export { fromWireError, toWireError, type WireError } from './wire-error';
