// `glyph feedback export` runs this entry as a child process (the CLI never loads the server's code):
// `node --import tsx apps/server/src/export-feedback-main.ts --store <folder | postgres://…> --model <id> --out <dir>`.
// Tells a parent over IPC `{type: 'done', summary}` or `{type: 'fatal', code, message}`; without one,
// prints the summary as JSON or `error [CODE]: message`.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GlyphError } from '@glyph/core';
import { exportFeedback, type ExportSummary } from './feedback/export-feedback';
import type { FeedbackStore } from './feedback/feedback-store';
import { FolderFeedbackStore } from './feedback/folder-feedback-store';
import { PgFeedbackStore } from './feedback/postgres/pg-feedback-store';
import { isPostgresUrl } from './feedback/postgres/pg-url';
import { reportFatal, tellParent } from './lifecycle/parent-channel';

async function main(): Promise<number> {
  let store: FeedbackStore | undefined;
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: { store: { type: 'string' }, model: { type: 'string' }, out: { type: 'string' } },
      strict: true,
    });
    if (!values.store || !values.model || !values.out) {
      throw new GlyphError(
        'BAD_USAGE',
        'Give --store <folder | postgres://…>, --model <id> and --out <dir>.',
      );
    }
    store = isPostgresUrl(values.store)
      ? new PgFeedbackStore({ url: values.store })
      : new FolderFeedbackStore(path.resolve(values.store));
    await store.ready();
    const summary = await exportFeedback(store, values.model, path.resolve(values.out));
    const done: { type: 'done'; summary: ExportSummary } = { type: 'done', summary };
    if (!(await tellParent(done))) process.stdout.write(`${JSON.stringify(summary)}\n`);
    return 0;
  } catch (error) {
    return reportFatal(error);
  } finally {
    await store?.close();
  }
}

const exitCode = await main();
if (process.connected) process.disconnect();
process.exit(exitCode);
