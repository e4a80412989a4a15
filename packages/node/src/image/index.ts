export { decodeImage, DEFAULT_MAX_PIXELS, type DecodeImageOptions } from './decode-image';
export { encodePng } from './encode-png';
export { headerSize, sniffMediaType, type ImageMediaType } from './sniff-media-type';
