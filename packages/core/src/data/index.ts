export { imageAt, type LabeledImages } from './labeled-images';
