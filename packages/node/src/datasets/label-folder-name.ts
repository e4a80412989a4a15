/**
 * Folder names for labels. A label becomes one path segment that can neither escape the feedback
 * directory nor collide with another label on a case-insensitive file system (macOS, Windows):
 *
 * - kept as is: `a`–`z`, `0`–`9`, `-`, `_`;
 * - every other character, including upper-case letters, `.`, `/`, `\`, `%`, spaces and non-ASCII,
 *   becomes `%XX` per UTF-8 byte (upper-case hex), as in `encodeURIComponent`;
 * - a name that Windows reserves (`con`, `nul`, `com1`, …) has its first character encoded.
 *
 * So `7` → `7`, `a` → `a`, `A` → `%41`, `.` → `%2E`, `..` → `%2E%2E`, `/` → `%2F`. Lower-casing an
 * encoded name never makes it equal to another encoded name, because letters outside escapes are
 * always lower-case. `decodeURIComponent` turns a folder name back into its label.
 */
export function labelToDirName(label: string): string {
  let name = '';
  for (const byte of new TextEncoder().encode(label)) {
    name += isKept(byte) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  if (windowsReserved.test(name)) name = `%${name.charCodeAt(0).toString(16).toUpperCase()}${name.slice(1)}`;
  return name;
}

/** The label a folder written by `labelToDirName` stands for. */
export function dirNameToLabel(name: string): string {
  return decodeURIComponent(name);
}

/**
 * The label of a folder name exactly as `labelToDirName` writes it, else `null`: so `..`, `.x`,
 * `a/b`, `A` (which would be `%41`), `%61` (which would be `a`) and malformed escapes are refused,
 * and each label has one folder. For reading names that come from outside (URLs, the disk).
 */
export function labelFromDirName(name: string): string | null {
  if (name === '') return null;
  let label: string;
  try {
    label = decodeURIComponent(name);
  } catch {
    return null;
  }
  return labelToDirName(label) === name ? label : null;
}

const windowsReserved = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

function isKept(byte: number): boolean {
  return (
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    byte === 0x2d || // -
    byte === 0x5f // _
  );
}
