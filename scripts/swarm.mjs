#!/usr/bin/env node
// npm run swarm -- [--seeds N] [--base B]: N random fault schedules (default 1000) after seed B (default random),
// node, network and container faults (crash, hang, unready),
// each with invariants after every instant and convergence after healing (src/sim/swarm.test.ts).
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
/** @param {string} name @param {string | undefined} fallback @returns {string | undefined} */
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = args[i + 1];
  if (!/^\d+$/.test(value ?? '')) {
    console.error(`${name} needs a whole number, got ${value === undefined ? 'nothing' : `"${value}"`}`);
    process.exit(2);
  }
  return value;
};
const unknown = args.filter((a, i) => a.startsWith('--') && !['--seeds', '--base'].includes(a) && !['--seeds', '--base'].includes(args[i - 1] ?? ''));
if (unknown.length) {
  console.error(`unknown option ${unknown[0]}; usage: npm run swarm -- [--seeds N] [--base B]`);
  process.exit(2);
}
/** @type {Record<string, string | undefined>} */
const env = { ...process.env, SWARM_SEEDS: option('--seeds', '1000') ?? '1000' };
const base = option('--base', undefined);
if (base !== undefined) env.SWARM_SEED_BASE = base;
const result = spawnSync('npx', ['vitest', 'run', 'src/sim/swarm.test.ts', '--reporter=dot'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
