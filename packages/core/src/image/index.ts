export type { RawImage } from './raw-image';
