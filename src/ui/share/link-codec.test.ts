import { describe, expect, it } from 'vitest';
import type { RecordedInput } from '../../protocol/messages';
import { decodeLink, encodeLink, isShareFragment, LinkTooLong, MAX_LINK_CHARS } from './link-codec';
import type { RunState } from './run-state';

const BASE = 'https://example.org/kube-playground/';

/** Ten actions of the kinds the page records, on the default cluster. */
const TEN: RecordedInput[] = [
  { atMs: 12_001, action: { do: 'kill-node', node: 'zone-a-1' } },
  { atMs: 30_517, action: { do: 'cordon', node: 'zone-b-2' } },
  { atMs: 61_002, action: { do: 'partition-zone', zone: 'zone-c' } },
  { atMs: 95_003, action: { do: 'scale', kind: 'Deployment', name: 'web', namespace: 'default', replicas: 9 } },
  { atMs: 120_004, action: { do: 'taint', node: 'zone-b-1', taint: { key: 'example.com/maintenance', value: 'yes', effect: 'NoSchedule' } } },
  { atMs: 180_005, action: { do: 'set-condition', node: 'zone-b-3', type: 'Ready', status: 'False', reason: 'SetByPlayground' } },
  { atMs: 240_006, action: { do: 'heal-zone', zone: 'zone-c' } },
  { atMs: 300_007, action: { do: 'drain', node: 'zone-c-2' } },
  { atMs: 360_008, action: { do: 'add-node', node: { name: 'zone-a-4', zone: 'zone-a', region: 'region-1' } } },
  { atMs: 420_009, action: { do: 'start-node', node: 'zone-a-1' } },
];

const DEFAULT_RUN: RunState = {
  boot: { type: 'boot', seed: 1, defaultCluster: 'default-cluster@1' },
  inputs: TEN,
  viewMs: 431_250,
  latestMs: 600_000,
  selection: { kind: 'Pod', name: 'web-7d9f8c6b5-x2k4q', namespace: 'default' },
  speed: 60,
};

const fragmentOf = (link: string) => link.slice(link.indexOf('#'));

describe('share links', () => {
  it('round-trip the run state', () => {
    const link = encodeLink(DEFAULT_RUN, BASE);
    expect(link.startsWith(`${BASE}#kp=1&`)).toBe(true);
    expect(isShareFragment(fragmentOf(link))).toBe(true);
    expect(decodeLink(fragmentOf(link))).toEqual({ ok: true, state: DEFAULT_RUN });
  });

  it('stay under 2,000 characters for the default cluster with ten actions', () => {
    const link = encodeLink(DEFAULT_RUN, BASE);
    expect(link.length).toBeLessThan(2_000);
  });

  it('round-trip a scenario file, unicode and all', () => {
    const state: RunState = { ...DEFAULT_RUN, boot: { type: 'boot-scenario', fileName: 'zoné.yaml', text: 'name: x\n# ünïcode ✓\ncluster: {zones: [{name: zone-a, nodes: 1}]}\n' }, selection: null };
    expect(decodeLink(fragmentOf(encodeLink(state, BASE)))).toEqual({ ok: true, state });
  });

  it('say a truncated link is cut short, wherever it is cut', () => {
    const fragment = fragmentOf(encodeLink(DEFAULT_RUN, BASE));
    for (const keep of [fragment.length - 1, fragment.length - 40, Math.floor(fragment.length / 2), 30, 12]) {
      const decoded = decodeLink(fragment.slice(0, keep));
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) expect(decoded.message).toMatch(/^This link is cut short/);
    }
  });

  it('say a tampered link is damaged', () => {
    const fragment = fragmentOf(encodeLink(DEFAULT_RUN, BASE));
    const d = fragment.indexOf('&d=') + 3;
    // Every single-character change in the data is caught, one way or another.
    for (const at of [d, d + 7, d + 100, fragment.length - 3]) {
      const swapped = fragment[at] === 'A' ? 'B' : 'A';
      const decoded = decodeLink(fragment.slice(0, at) + swapped + fragment.slice(at + 1));
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) expect(decoded.message).toMatch(/^This link is damaged: its content (cannot be unpacked|does not match its check|is not readable)\.$/);
    }
    const wrongCheck = fragment.replace(/&c=[0-9a-f]+/, '&c=00000000000000');
    expect(decodeLink(wrongCheck)).toEqual({ ok: false, message: 'This link is damaged: its content does not match its check.' });
    expect(decodeLink(fragment + 'AAAA')).toEqual({ ok: false, message: 'This link is damaged: it is longer than it says.' });
  });

  it('name what is wrong inside well-formed content', () => {
    const state = { ...DEFAULT_RUN, inputs: [{ atMs: -5, action: { do: 'kill-node', node: 'x' } }] } as unknown as RunState;
    expect(decodeLink(fragmentOf(encodeLink(state, BASE)))).toEqual({ ok: false, message: 'This link is damaged: action 1 has no valid time.' });
    const settings = { ...DEFAULT_RUN, boot: { type: 'boot', seed: 1, defaultCluster: 'default-cluster@1', settings: { nodeMonitorPeriodMs: 'fast' } } } as unknown as RunState;
    expect(decodeLink(fragmentOf(encodeLink(settings, BASE)))).toEqual({ ok: false, message: 'This link is damaged: settings.nodeMonitorPeriodMs is not a setting.' });
  });

  it('say a link from a newer format cannot be read here', () => {
    const fragment = fragmentOf(encodeLink(DEFAULT_RUN, BASE)).replace('kp=1', 'kp=2');
    expect(decodeLink(fragment)).toEqual({ ok: false, message: 'This link was made by a newer Kube Playground (link format 2; this page reads format 1).' });
    expect(decodeLink('#kp=x&d=abc')).toEqual({ ok: false, message: 'This link is damaged: its format version is unreadable.' });
  });

  it('refuse a run too large for a link, with the limit, and an over-long fragment', () => {
    const huge: RunState = { ...DEFAULT_RUN, boot: { type: 'boot-scenario', fileName: 'big.yaml', text: Array.from({ length: 60_000 }, (_, i) => `# ${(i * 2654435761) % 1e9}`).join('\n') } };
    expect(() => encodeLink(huge, BASE)).toThrow(LinkTooLong);
    expect(() => encodeLink(huge, BASE)).toThrow(/^This run is too large for a link \([\d,]+ characters; links hold 65,536\): export it as a file instead\.$/);
    expect(decodeLink('#kp=1&d=' + 'A'.repeat(MAX_LINK_CHARS))).toEqual({ ok: false, message: 'This link is too long (65,543 characters; links hold 65,536).' });
  });
});
