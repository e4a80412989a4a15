// Loads one project with its samples and model from IndexedDB, and the edits a project page makes.
import { useCallback, useEffect, useState } from 'react';
import { canvasToPngBlob } from '../ink/rasterize-ink';
import { grayPixels } from './gray-pixels';
import * as store from './project-db';
import type { Project, Sample, SampleSource, StoredModel } from './project-types';

export interface ProjectData {
  readonly project: Project;
  readonly samples: readonly Sample[];
  readonly model: StoredModel | null;
}

export type ProjectState =
  | { readonly status: 'loading' }
  | { readonly status: 'missing' }
  | { readonly status: 'error'; readonly message: string }
  | ({ readonly status: 'ready' } & ProjectData);

/** A PNG of gray pixels (for thumbnails and export). */
async function grayToPng(gray: Uint8Array, width: number, height: number): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw on a canvas.');
  const image = ctx.createImageData(width, height);
  for (let i = 0; i < gray.length; i += 1) {
    image.data.set([gray[i], gray[i], gray[i], 255], i * 4);
  }
  ctx.putImageData(image, 0, 0);
  return canvasToPngBlob(canvas);
}

export async function sampleFromImageData(
  projectId: string,
  label: string,
  imageData: ImageData,
  source: SampleSource,
): Promise<Sample> {
  const gray = grayPixels(imageData);
  const { width, height } = imageData;
  const png = await grayToPng(gray, width, height);
  const createdAt = new Date().toISOString();
  return { id: crypto.randomUUID(), projectId, label, width, height, gray, png, source, createdAt };
}

export function useProject(projectId: string) {
  const [state, setState] = useState<ProjectState>({ status: 'loading' });

  const reload = useCallback(async () => {
    try {
      const project = await store.getProject(projectId);
      if (!project) return setState({ status: 'missing' });
      const [samples, model] = await Promise.all([store.listSamples(projectId), store.getModel(projectId)]);
      setState({ status: 'ready', project, samples, model: model ?? null });
    } catch (error) {
      setState({
        status: 'error',
        message: `The project could not be read from this browser's storage: ${String(error)}`,
      });
    }
  }, [projectId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const touch = useCallback(async (project: Project) => {
    await store.putProject({ ...project, updatedAt: new Date().toISOString() });
  }, []);

  /** Stores samples (one drawing, or a batch of pictures or feedback) and reads the project once. */
  const addSamples = useCallback(
    async (samples: readonly Sample[]) => {
      if (samples.length === 0) return;
      await store.putSamples(samples);
      if (state.status === 'ready') await touch(state.project);
      await reload();
    },
    [reload, state, touch],
  );

  const removeSample = useCallback(
    async (sampleId: string) => {
      await store.deleteSample(sampleId);
      await reload();
    },
    [reload],
  );

  return { state, reload, addSamples, removeSample };
}
