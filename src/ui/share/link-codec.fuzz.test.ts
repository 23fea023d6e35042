/**
 * Property tests (fast-check) over the share-link decoder: any fragment, any
 * bytes packed as a link, and every truncation or bit flip of a valid link
 * give either a valid run state or one short message of ours ("This link …"),
 * never an exception.
 */
import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink, toBase64Url, type Decoded } from './link-codec';
import { readRunState } from './run-state';
import type { RunState } from './run-state';

const BASE = 'https://example.org/kp/';
const VALID: RunState = {
  boot: { type: 'boot', seed: 1, defaultCluster: 'default-cluster@1' },
  inputs: [
    { atMs: 12_001, action: { do: 'kill-node', node: 'zone-a-1' } },
    { atMs: 95_003, action: { do: 'scale', kind: 'Deployment', name: 'web', namespace: 'default', replicas: 9 } },
  ],
  viewMs: 100_000,
  latestMs: 120_000,
  selection: { kind: 'Node', name: 'zone-a-1' },
  speed: 10,
};
const FRAGMENT = encodeLink(VALID, BASE).slice(BASE.length);

/** The decoder's contract: it returns (never throws), and a refusal is one short line of ours. */
function decodes(fragment: string): Decoded {
  const decoded = decodeLink(fragment);
  if (decoded.ok) expect(readRunState(decoded.state)).toMatchObject({ ok: true });
  else {
    expect(decoded.message).toMatch(/^This link /);
    expect(decoded.message.length).toBeLessThan(300);
    expect(decoded.message).not.toMatch(/\n|Unexpected token|JSON\.parse|undefined|\[object/);
  }
  return decoded;
}

describe('the share-link decoder under any input', () => {
  it('any string as the fragment', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => void decodes(text)), { numRuns: 500 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => void decodes(`#kp=1&${text}`)), { numRuns: 500 });
  });

  it('any bytes, and any JSON, packed as a well-formed link', () => {
    const pack = (bytes: Uint8Array, check = 'x') => {
      const data = toBase64Url(bytes);
      return `#kp=1&n=${data.length}&c=${check}&d=${data}`;
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => void decodes(pack(bytes))), { numRuns: 500 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => void decodes(pack(deflateSync(bytes)))), { numRuns: 300 });
    // Valid deflate of arbitrary JSON reaches the run-state reader (the check is recomputed by encodeLink).
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        let link: string;
        try {
          link = encodeLink(value as unknown as RunState, BASE);
        } catch {
          return;
        }
        decodes(link.slice(BASE.length));
      }),
      { numRuns: 500 },
    );
    expect(decodes(pack(deflateSync(strToU8('{"boot":')))).ok).toBe(false);
  });

  it('every truncation of a valid link is refused clearly, the whole link still decodes', () => {
    expect(decodes(FRAGMENT)).toEqual({ ok: true, state: VALID });
    for (let length = 0; length < FRAGMENT.length; length++) expect(decodes(FRAGMENT.slice(0, length)).ok).toBe(false);
  });

  it('any bit flip, or any character replaced, in a valid link', () => {
    fc.assert(
      fc.property(fc.nat({ max: FRAGMENT.length - 1 }), fc.integer({ min: 0, max: 6 }), (at, bit) => {
        const code = FRAGMENT.charCodeAt(at) ^ (1 << bit);
        const flipped = FRAGMENT.slice(0, at) + String.fromCharCode(code) + FRAGMENT.slice(at + 1);
        const decoded = decodes(flipped);
        // A flip the link survives must still give a readable state (the content check guards the data).
        if (decoded.ok) expect(readRunState(decoded.state)).toMatchObject({ ok: true });
      }),
      { numRuns: 1_000 },
    );
    fc.assert(
      fc.property(fc.nat({ max: FRAGMENT.length - 1 }), fc.string({ minLength: 1, maxLength: 3 }), (at, text) => void decodes(FRAGMENT.slice(0, at) + text + FRAGMENT.slice(at + 1))),
      { numRuns: 500 },
    );
  });
});
