/**
 * A scenario file's bytes to text, the same for the page and the command
 * line: UTF-8 with or without a byte order mark, and UTF-16 (either byte
 * order) with one. Anything else is refused in one line: invalid UTF-8, or
 * UTF-16 without a byte order mark. Pure (TextDecoder is in browsers and Node).
 */
import { formatBytes, type SizeLimits } from '../kube/limits';

export type Decoded = { ok: true; text: string } | { ok: false; message: string };

/** Refuses a file by its size alone, before it is read. */
export function fileSizeProblem(bytes: number, limits: SizeLimits): string | undefined {
  return bytes > limits.fileBytes ? `the file is ${formatBytes(bytes)}, over ${limits.holder}'s limit of ${formatBytes(limits.fileBytes)} for a scenario file` : undefined;
}

export function decodeScenarioBytes(bytes: Uint8Array, limits: SizeLimits): Decoded {
  const tooBig = fileSizeProblem(bytes.length, limits);
  if (tooBig) return { ok: false, message: tooBig };
  const encoding = bomEncoding(bytes);
  if (!encoding && looksLikeUtf16(bytes)) return { ok: false, message: 'this file looks like UTF-16 without a byte order mark: save it as UTF-8' };
  try {
    // ignoreBOM: false (the default) drops the mark itself.
    return { ok: true, text: new TextDecoder(encoding ?? 'utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, message: `this is not a text file (it is not valid ${encoding ?? 'UTF-8'}): a scenario is YAML or JSON text` };
  }
}

function bomEncoding(b: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** ASCII text in UTF-16: every other byte of the start is 0. */
function looksLikeUtf16(b: Uint8Array): boolean {
  const n = Math.min(b.length, 512) & ~1;
  if (n < 4) return false;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const half = n / 2;
  return (oddZero > half * 0.6 && evenZero < half * 0.1) || (evenZero > half * 0.6 && oddZero < half * 0.1);
}
