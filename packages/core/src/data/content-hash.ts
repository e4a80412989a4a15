/** 32-bit FNV-1a over every byte (unsigned result). */
export function fnv1a32(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    hash ^= bytes[i];
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A fast, deterministic 32-bit hash of bytes: FNV-1a, then the MurmurHash3 finaliser so that the high
 * bits (which `partitionByContentHash` compares against a fraction) are well mixed. Identical bytes
 * hash alike on every platform; it is not a cryptographic hash.
 */
export function contentHash32(bytes: Uint8Array): number {
  let h = fnv1a32(bytes);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
