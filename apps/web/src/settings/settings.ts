// The user's choices, remembered in localStorage and validated on the way back in.
import { backendChoices, type BackendChoice } from '../engine/backend-choice';
import type { Charset } from '@glyph/core/recognize';
import type { RecognitionMode, RecognitionSite } from '../recognition/recognition-types';

export interface Settings {
  readonly modelId: string | null;
  /** Where predictions run; stored under the key `engine`, so choices saved earlier still load. */
  readonly recognitionSite: RecognitionSite;
  readonly backend: BackendChoice;
  readonly mode: RecognitionMode;
  /** Sequence mode, for models that know digits and letters: which of them a sequence holds. */
  readonly charset: Charset;
  readonly strokeWidthPx: number;
}

export const strokeWidths = [
  { value: 10, title: 'Thin' },
  { value: 18, title: 'Medium' },
  { value: 28, title: 'Thick' },
] as const;

export const defaultSettings: Settings = {
  modelId: null,
  recognitionSite: 'browser',
  backend: 'auto',
  mode: 'single',
  charset: 'all',
  strokeWidthPx: 18,
};

const storageKey = 'glyph.settings';

function pick<T>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

export function parseSettings(json: string | null): Settings {
  let stored: Record<string, unknown> = {};
  try {
    const parsed: unknown = json ? JSON.parse(json) : {};
    if (parsed && typeof parsed === 'object') stored = parsed as Record<string, unknown>;
  } catch {
    // Damaged storage: start from the defaults.
  }
  return {
    modelId: typeof stored.modelId === 'string' ? stored.modelId : null,
    recognitionSite: pick<RecognitionSite>(
      stored.engine,
      ['browser', 'server'],
      defaultSettings.recognitionSite,
    ),
    backend: pick(
      stored.backend,
      backendChoices.map((choice) => choice.value),
      defaultSettings.backend,
    ),
    mode: pick<RecognitionMode>(stored.mode, ['single', 'sequence'], defaultSettings.mode),
    charset: pick<Charset>(stored.charset, ['all', 'digits', 'letters'], defaultSettings.charset),
    strokeWidthPx: pick<number>(
      stored.strokeWidthPx,
      strokeWidths.map((width) => width.value),
      defaultSettings.strokeWidthPx,
    ),
  };
}

export function loadSettings(): Settings {
  try {
    return parseSettings(localStorage.getItem(storageKey));
  } catch {
    return defaultSettings;
  }
}

/** The stored form, which `parseSettings` reads back. */
export function serializeSettings(settings: Settings): string {
  const { recognitionSite, ...rest } = settings;
  return JSON.stringify({ ...rest, engine: recognitionSite });
}

export function saveSettings(settings: Settings): void {
  try {
    localStorage.setItem(storageKey, serializeSettings(settings));
  } catch {
    // Private mode or full storage: the choices just last for this visit.
  }
}
