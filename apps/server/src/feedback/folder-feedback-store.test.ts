import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeFeedbackStoreContract } from './feedback-store.contract';
import { FolderFeedbackStore } from './folder-feedback-store';

describeFeedbackStoreContract(
  'folder',
  async (quotaBytes) =>
    new FolderFeedbackStore(await mkdtemp(path.join(tmpdir(), 'glyph-store-')), quotaBytes),
);
