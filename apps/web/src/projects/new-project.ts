// Turning what the user typed into a project: labels split and checked, an id the model metadata accepts.
import type { Project, ProjectKind } from './project-types';

/** `✓ ✗ △ ○` or `up, down, left` → distinct labels in order. Commas win over spaces when present. */
export function parseLabels(text: string): string[] {
  const parts = text.includes(',') ? text.split(',') : text.split(/\s+/);
  return [...new Set(parts.map((part) => part.trim()).filter(Boolean))];
}

/** Why these labels cannot make a project, or null when they can. */
export function labelProblem(labels: readonly string[]): string | null {
  if (labels.length < 2) return 'Give at least two labels, separated by spaces or commas (e.g. “✓ ✗ △ ○”).';
  if (labels.length > 62)
    return `${labels.length} labels is more than a project trains well in a browser (at most 62).`;
  const long = labels.find((label) => label.length > 24);
  return long ? `The label “${long.slice(0, 24)}…” is too long: keep labels under 25 characters.` : null;
}

/** A model id (lower-case letters, digits, dot, dash, underscore) from the name, unique by a random tail. */
export function projectId(name: string, random: () => number = Math.random): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32);
  const tail = Math.floor(random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0');
  return `${slug || 'project'}-${tail}`;
}

export function newProject(
  name: string,
  kind: ProjectKind,
  labels: readonly string[],
  base: string | null,
): Project {
  const now = new Date().toISOString();
  return { id: projectId(name), name: name.trim(), kind, labels, base, createdAt: now, updatedAt: now };
}
