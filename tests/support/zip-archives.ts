/**
 * Archives the tests need and no zip tool makes on purpose. Hostile ones are made in the test:
 * zipSync writes an honest archive, and its central directory is then edited to declare what a
 * crafted one would (sizes it does not have); nothing large is ever made, a declared size is four
 * bytes.
 */
import { zipSync, type Zippable } from 'fflate';

/** A Unix mode in a zip entry's external attributes, as `zip -y` records a symbolic link. */
export const SYMLINK_ATTRIBUTES = (0o120777 << 16) >>> 0;
/** The host byte for Unix in "version made by". */
export const UNIX_HOST = 3;

/** `zip -fz` of a.ts: its size only in the ZIP64 extra field, its directory's offset only in the ZIP64 end record. */
export const ZIP64_ARCHIVE = Buffer.from(
  'UEsDBC0AAAAAAAeLgV3uiIOX//////////8EADAAYS50c1VUCQADvQIPa70CD2t1eAsAAQQAAAAABAAAAAABABAAFAAAAAAAAAAUAAAAAAAAAGV4cG9ydCBjb25zdCBhID0gMTsKUEsBAh4DLQAAAAAAB4uBXe6Ig5cUAAAA/////wQAJAAAAAAAAQAAAKSBAAAAAGEudHNVVAUAA70CD2t1eAsAAQQAAAAABAAAAAABAAgAFAAAAAAAAABQSwYGLAAAAAAAAAAeAy0AAAAAAAAAAAABAAAAAAAAAAEAAAAAAAAAVgAAAAAAAABmAAAAAAAAAFBLBgcAAAAAvAAAAAAAAAABAAAAUEsFBgAAAAABAAEAVgAAAP////8AAA==',
  'base64',
);

/** Each named entry's declared uncompressed size set to `sizes[name]`, in the central directory only. */
export function declareSizes(zip: Uint8Array, sizes: Record<string, number>): Uint8Array {
  const patched = zip.slice();
  const view = new DataView(patched.buffer, patched.byteOffset, patched.byteLength);
  let end = patched.length - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end--;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let index = 0; index < count; index++) {
    const nameLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(patched.subarray(at + 46, at + 46 + nameLength));
    if (name in sizes) view.setUint32(at + 24, sizes[name], true);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return patched;
}

/** An archive of `files` whose entries declare `sizes` instead of their own. */
export function zipDeclaring(files: Zippable, sizes: Record<string, number>): Uint8Array {
  return declareSizes(zipSync(files), sizes);
}
