/** Main thread → decode thread: the bytes move (transferred), they are not shared. */
export interface DecodeRequest {
  readonly bytes: Uint8Array;
  readonly maxPixels: number;
}
