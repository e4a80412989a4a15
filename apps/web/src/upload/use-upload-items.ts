// The uploaded images and their answers. Every image is (re)recognised when the recognition site, model
// or mode changes, one after another so a big batch never floods the server.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Charset } from '@glyph/core/recognize';
import type {
  RecognitionMode,
  RecognitionResult,
  RecognitionService,
} from '../recognition/recognition-types';
import { decodeImageFile, fileInput } from './decode-image-file';

export interface UploadItem {
  readonly id: number;
  readonly name: string;
  readonly file: File;
  readonly url: string;
  readonly imageData: ImageData | null;
  readonly result: RecognitionResult | null;
  readonly error: string | null;
  /** Which site/model/mode the result answers; a mismatch means it is being redone. */
  readonly answeredFor: string | null;
}

let nextId = 1;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function useUploadItems(service: RecognitionService | null, mode: RecognitionMode, charset: Charset) {
  const [items, setItems] = useState<readonly UploadItem[]>([]);
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const update = (id: number, patch: Partial<UploadItem>) =>
    setItems((list) => list.map((item) => (item.id === id ? { ...item, ...patch } : item)));

  const add = useCallback(async (files: readonly File[]) => {
    const added = files.map((file) => ({
      id: nextId++,
      name: file.name || 'pasted image',
      file,
      url: URL.createObjectURL(file),
      imageData: null,
      result: null,
      error: null,
      answeredFor: null,
    }));
    setItems((list) => [...added, ...list]);
    for (const item of added) {
      try {
        update(item.id, { imageData: await decodeImageFile(item.file, item.name) });
      } catch (error) {
        update(item.id, { error: messageOf(error) });
      }
    }
  }, []);

  const remove = useCallback((id: number) => {
    const item = itemsRef.current.find((candidate) => candidate.id === id);
    if (item) URL.revokeObjectURL(item.url);
    setItems((list) => list.filter((candidate) => candidate.id !== id));
  }, []);

  const clear = useCallback(() => {
    for (const item of itemsRef.current) URL.revokeObjectURL(item.url);
    setItems([]);
  }, []);

  useEffect(() => () => itemsRef.current.forEach((item) => URL.revokeObjectURL(item.url)), []);

  const key = service ? `${service.site}/${service.modelId}/${mode}/${charset}` : null;
  const busyRef = useRef(false);
  useEffect(() => {
    const next = items.find((item) => item.imageData && item.answeredFor !== key);
    if (!service || !key || !next?.imageData || busyRef.current) return;
    busyRef.current = true;
    service
      .recognize(fileInput(next.file, next.imageData), { mode, top: 5, charset })
      .then(
        (result) => update(next.id, { result, error: null, answeredFor: key }),
        (error: unknown) => update(next.id, { result: null, error: messageOf(error), answeredFor: key }),
      )
      .finally(() => {
        busyRef.current = false;
        setItems((list) => [...list]);
      });
  }, [items, service, key, mode, charset]);

  return { items, add, remove, clear, answeredKey: key };
}
