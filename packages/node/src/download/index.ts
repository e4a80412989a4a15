// Dataset downloads: registry of official files, resumable verified download into the data root.
export { downloadFile, type DownloadFileOptions, type DownloadedFile } from './download-file';
export {
  downloadDataset,
  resolveDownloadName,
  type DatasetDownloadProgress,
  type DatasetDownloadResult,
} from './download-dataset';
export { downloadNames, downloadRegistry, type DownloadEntry, type DownloadFile } from './download-registry';
