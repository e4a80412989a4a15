import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { labelFromDirName } from '@glyph/node/datasets';
import { isSampleFileName, modelIdFromDirName } from './feedback-layout';
import { entriesOf } from './list-feedback';

/** One sample file as the tree knows it. */
export interface TreeSample {
  readonly model: string;
  readonly label: string;
  /** `<model folder>/<label folder>/<file>.png`, relative to the tree's root. */
  readonly path: string;
  readonly fileName: string;
  readonly bytes: number;
  readonly mtimeMs: number;
}

/** Told of every sample that enters or leaves the tree. */
export interface TreeListener {
  added(sample: TreeSample): void;
  removed(sample: TreeSample): void;
}

interface Folder {
  /** The folder's mtime when its entries were last read; `null` until then. */
  readMtimeMs: number | null;
}

interface LabelFolder extends Folder {
  readonly label: string;
  readonly files: Map<string, TreeSample>;
}

interface ModelFolder extends Folder {
  readonly model: string;
  readonly labels: Map<string, LabelFolder>;
}

/**
 * An in-memory mirror of a `<root>/<model>/<label>/<file>.png` tree (the feedback directory, or its
 * trash), strict about names as the store's layout is (no symbolic links, hidden or temporary
 * files). `sync` brings it in step with the disk for the price of one `lstat` per folder: a folder
 * is read again only when its mtime changed, which any file added, renamed or removed in it does,
 * by this server or by hand. So a listing costs the number of folders, not of samples.
 */
export class SampleTree {
  private readonly root: Folder & { readonly models: Map<string, ModelFolder> } = {
    readMtimeMs: null,
    models: new Map(),
  };
  private syncing: Promise<void> | null = null;

  constructor(
    private readonly rootDir: string,
    private readonly listener: TreeListener,
  ) {}

  /** Brings the mirror in step; callers at the same time share one pass. */
  sync(): Promise<void> {
    this.syncing ??= this.syncRoot().finally(() => (this.syncing = null));
    return this.syncing;
  }

  /** Records a sample this server has just written, before the next `sync` reads its folder. */
  noteAdded(sample: TreeSample): void {
    const [modelDir, labelDir, fileName] = sample.path.split('/');
    let modelFolder = this.root.models.get(modelDir);
    if (!modelFolder) {
      modelFolder = { model: sample.model, labels: new Map(), readMtimeMs: null };
      this.root.models.set(modelDir, modelFolder);
    }
    let labelFolder = modelFolder.labels.get(labelDir);
    if (!labelFolder) {
      labelFolder = { label: sample.label, files: new Map(), readMtimeMs: null };
      modelFolder.labels.set(labelDir, labelFolder);
    }
    if (labelFolder.files.has(fileName)) return;
    labelFolder.files.set(fileName, sample);
    this.listener.added(sample);
  }

  private async syncRoot(): Promise<void> {
    const info = await lstat(this.rootDir).catch(() => null);
    if (!info?.isDirectory()) {
      for (const modelDir of [...this.root.models.keys()]) this.dropModel(modelDir);
      this.root.readMtimeMs = null;
      return;
    }
    if (info.mtimeMs !== this.root.readMtimeMs) {
      const found = new Map<string, string>();
      for (const entry of await entriesOf(this.rootDir)) {
        const model = entry.isDirectory() ? modelIdFromDirName(entry.name) : null;
        if (model !== null) found.set(entry.name, model);
      }
      for (const modelDir of [...this.root.models.keys()]) if (!found.has(modelDir)) this.dropModel(modelDir);
      for (const [modelDir, model] of found) {
        if (!this.root.models.has(modelDir))
          this.root.models.set(modelDir, { model, labels: new Map(), readMtimeMs: null });
      }
      this.root.readMtimeMs = info.mtimeMs;
    }
    await Promise.all([...this.root.models.keys()].map((modelDir) => this.syncModel(modelDir)));
  }

  private async syncModel(modelDir: string): Promise<void> {
    const folder = this.root.models.get(modelDir)!;
    const info = await lstat(path.join(this.rootDir, modelDir)).catch(() => null);
    if (!info?.isDirectory()) return this.dropModel(modelDir);
    if (info.mtimeMs !== folder.readMtimeMs) {
      const found = new Map<string, string>();
      for (const entry of await entriesOf(path.join(this.rootDir, modelDir))) {
        const label = entry.isDirectory() ? labelFromDirName(entry.name) : null;
        if (label !== null) found.set(entry.name, label);
      }
      for (const labelDir of [...folder.labels.keys()])
        if (!found.has(labelDir)) this.dropLabel(folder, labelDir);
      for (const [labelDir, label] of found) {
        if (!folder.labels.has(labelDir))
          folder.labels.set(labelDir, { label, files: new Map(), readMtimeMs: null });
      }
      folder.readMtimeMs = info.mtimeMs;
    }
    await Promise.all(
      [...folder.labels.keys()].map((labelDir) => this.syncLabel(folder, modelDir, labelDir)),
    );
  }

  private async syncLabel(modelFolder: ModelFolder, modelDir: string, labelDir: string): Promise<void> {
    const folder = modelFolder.labels.get(labelDir);
    if (!folder) return;
    const dir = path.join(this.rootDir, modelDir, labelDir);
    const info = await lstat(dir).catch(() => null);
    if (!info?.isDirectory()) return this.dropLabel(modelFolder, labelDir);
    if (info.mtimeMs === folder.readMtimeMs) return;
    const names = new Set(
      (await entriesOf(dir))
        .filter((entry) => entry.isFile() && isSampleFileName(entry.name))
        .map((e) => e.name),
    );
    const fresh = [...names].filter((name) => !folder.files.has(name));
    const stats = await Promise.all(fresh.map((name) => lstat(path.join(dir, name)).catch(() => null)));
    // Applied at once, with no await in between, so the folder never shows half a read.
    for (const [name, sample] of folder.files) {
      if (!names.has(name)) {
        folder.files.delete(name);
        this.listener.removed(sample);
      }
    }
    fresh.forEach((fileName, index) => {
      const stat = stats[index];
      if (!stat?.isFile() || folder.files.has(fileName)) return;
      const sample: TreeSample = {
        model: modelFolder.model,
        label: folder.label,
        path: `${modelDir}/${labelDir}/${fileName}`,
        fileName,
        bytes: stat.size,
        mtimeMs: stat.mtimeMs,
      };
      folder.files.set(fileName, sample);
      this.listener.added(sample);
    });
    folder.readMtimeMs = info.mtimeMs;
  }

  private dropModel(modelDir: string): void {
    const folder = this.root.models.get(modelDir);
    if (!folder) return;
    for (const labelDir of [...folder.labels.keys()]) this.dropLabel(folder, labelDir);
    this.root.models.delete(modelDir);
  }

  private dropLabel(folder: ModelFolder, labelDir: string): void {
    const label = folder.labels.get(labelDir);
    if (!label) return;
    for (const sample of label.files.values()) this.listener.removed(sample);
    folder.labels.delete(labelDir);
  }
}
