/**
 * Share links: the run state (run-state.ts) in the URL's fragment, which
 * browsers never send to a server.
 *
 *   #kp=1&n=1234&c=5f1e0a3b9c2d7e&d=<base64url of raw DEFLATE of the JSON>
 *
 * `kp` is the format version, `n` the length of `d` (so a link cut short is
 * told apart from a damaged one), `c` a hash of the JSON (a changed
 * character that still inflates is caught), `d` last so a cut loses it
 * first. The default cluster is named by version (ClusterBoot.defaultCluster),
 * not embedded: its link with ten actions is a few hundred characters.
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import { hashText } from '../../scenario/trace-hash';
import { readRunState, type RunState } from './run-state';

export const LINK_FORMAT = 1;
/**
 * The longest link the page writes or reads, whole URL included. Browsers
 * take far longer URLs (Chromium 2 MB), but chat and mail clients cut them
 * well before; past this the run is better exported as a file.
 */
export const MAX_LINK_CHARS = 65_536;
/** The most JSON a link may inflate to (a guard against deflate bombs). */
const MAX_JSON_CHARS = 8 * 2 ** 20;

export type Decoded = { ok: true; state: RunState } | { ok: false; message: string };

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The link for `state` on the page at `base` (its URL without fragment); throws LinkTooLong past MAX_LINK_CHARS. */
export function encodeLink(state: RunState, base: string): string {
  const json = JSON.stringify(state);
  const data = toBase64Url(deflateSync(strToU8(json), { level: 9 }));
  const link = `${base}#kp=${LINK_FORMAT}&n=${data.length}&c=${hashText(json)}&d=${data}`;
  if (link.length > MAX_LINK_CHARS) throw new LinkTooLong(link.length);
  return link;
}

export class LinkTooLong extends Error {
  constructor(readonly length: number) {
    super(`This run is too large for a link (${length.toLocaleString('en')} characters; links hold ${MAX_LINK_CHARS.toLocaleString('en')}): export it as a file instead.`);
    this.name = 'LinkTooLong';
  }
}

/** Whether a fragment is meant as a share link (then decodeLink says what it holds or what is wrong). */
export function isShareFragment(hash: string): boolean {
  return /^#?kp=/.test(hash);
}

function inflateCapped(bytes: Uint8Array): string | undefined {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let tooBig = false;
  const inflate = new Inflate((chunk) => {
    total += chunk.length;
    if (total > MAX_JSON_CHARS) tooBig = true;
    else chunks.push(chunk);
  });
  try {
    inflate.push(bytes, true);
  } catch {
    return undefined;
  }
  if (tooBig) return undefined;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  try {
    return strFromU8(out);
  } catch {
    return undefined;
  }
}

/** What the fragment (with or without its "#") holds, or one short line saying what is wrong with it. */
export function decodeLink(hash: string): Decoded {
  const fragment = hash.replace(/^#/, '');
  if (fragment.length > MAX_LINK_CHARS) return bad(`This link is too long (${fragment.length.toLocaleString('en')} characters; links hold ${MAX_LINK_CHARS.toLocaleString('en')}).`);
  const params = new URLSearchParams(fragment);
  const version = params.get('kp') ?? '';
  if (!/^\d+$/.test(version)) return bad('This link is damaged: its format version is unreadable.');
  if (Number(version) > LINK_FORMAT) {
    return bad(`This link was made by a newer Kube Playground (link format ${version}; this page reads format ${LINK_FORMAT}).`);
  }
  if (Number(version) < 1) return bad(`This link is damaged: there is no link format ${version}.`);
  const data = params.get('d');
  const expected = Number(params.get('n') ?? NaN);
  const check = params.get('c');
  if (data === null || !Number.isSafeInteger(expected) || check === null) return bad('This link is cut short: copy the whole link.');
  if (data.length < expected) return bad(`This link is cut short (${data.length.toLocaleString('en')} of ${expected.toLocaleString('en')} characters): copy the whole link.`);
  if (data.length > expected) return bad('This link is damaged: it is longer than it says.');
  const bytes = fromBase64Url(data);
  const json = bytes && inflateCapped(bytes);
  if (json === undefined) return bad('This link is damaged: its content cannot be unpacked.');
  if (hashText(json) !== check) return bad('This link is damaged: its content does not match its check.');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return bad('This link is damaged: its content is not readable.');
  }
  const read = readRunState(value);
  return read.ok ? { ok: true, state: read.value } : bad(`This link is damaged: ${read.problem}.`);
}

function bad(message: string): Decoded {
  return { ok: false, message };
}
