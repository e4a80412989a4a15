export {
  decodeImage,
  DEFAULT_MAX_PIXELS,
  readImageSize,
  type DecodeImageOptions,
  type ImageSize,
} from './decode-image';
export { encodePng } from './encode-png';
export { headerSize, sniffMediaType, type ImageMediaType } from './sniff-media-type';
