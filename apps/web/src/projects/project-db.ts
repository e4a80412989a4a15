// Projects, their samples and their trained models in IndexedDB (through `idb`), so a project
// survives reloads and works offline. One database; samples are indexed by project.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Project, Sample, StoredModel } from './project-types';

interface ProjectSchema extends DBSchema {
  projects: { key: string; value: Project };
  samples: { key: string; value: Sample; indexes: { byProject: string } };
  models: { key: string; value: StoredModel };
}

const databaseName = 'glyph-projects';
let database: Promise<IDBPDatabase<ProjectSchema>> | null = null;

function db(): Promise<IDBPDatabase<ProjectSchema>> {
  database ??= openDB<ProjectSchema>(databaseName, 1, {
    upgrade(upgrading) {
      upgrading.createObjectStore('projects', { keyPath: 'id' });
      const samples = upgrading.createObjectStore('samples', { keyPath: 'id' });
      samples.createIndex('byProject', 'projectId');
      upgrading.createObjectStore('models', { keyPath: 'projectId' });
    },
  });
  return database;
}

export async function listProjects(): Promise<Project[]> {
  const projects = await (await db()).getAll('projects');
  return projects.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export async function getProject(id: string): Promise<Project | undefined> {
  return (await db()).get('projects', id);
}

export async function putProject(project: Project): Promise<void> {
  await (await db()).put('projects', project);
}

/** Removes a project with its samples and model, in one transaction. */
export async function deleteProject(id: string): Promise<void> {
  const tx = (await db()).transaction(['projects', 'samples', 'models'], 'readwrite');
  const sampleKeys = await tx.objectStore('samples').index('byProject').getAllKeys(id);
  await Promise.all([
    tx.objectStore('projects').delete(id),
    tx.objectStore('models').delete(id),
    ...sampleKeys.map((key) => tx.objectStore('samples').delete(key)),
    tx.done,
  ]);
}

export async function listSamples(projectId: string): Promise<Sample[]> {
  const samples = await (await db()).getAllFromIndex('samples', 'byProject', projectId);
  return samples.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Stores samples in one transaction: all of them or none. */
export async function putSamples(samples: readonly Sample[]): Promise<void> {
  const tx = (await db()).transaction('samples', 'readwrite');
  await Promise.all([...samples.map((sample) => tx.store.put(sample)), tx.done]);
}

export async function deleteSample(id: string): Promise<void> {
  await (await db()).delete('samples', id);
}

export async function getModel(projectId: string): Promise<StoredModel | undefined> {
  return (await db()).get('models', projectId);
}

export async function putModel(model: StoredModel): Promise<void> {
  await (await db()).put('models', model);
}

export async function deleteModel(projectId: string): Promise<void> {
  await (await db()).delete('models', projectId);
}
