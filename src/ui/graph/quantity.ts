/**
 * Kubernetes quantities ("100m", "128Mi", "1.5", "2e3") as numbers, and back
 * to short text. The engine has its own parser, but the UI may not import
 * engine code, and it needs only reading and printing.
 */

const SUFFIX: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const PATTERN = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

const cache = new Map<string, number>();

/** The value of a quantity (cores for CPU, bytes for memory); 0 for anything unreadable. */
export function parseQuantity(value: string | number | undefined | null): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return Number.isFinite(value) ? value : 0;
  const known = cache.get(value);
  if (known !== undefined) return known;
  const match = PATTERN.exec(value.trim());
  let result = 0;
  if (match) {
    const base = Number(match[1]);
    result = match[2] ? base * 10 ** Number(match[2].slice(1)) : base * SUFFIX[match[3] ?? '']!;
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(value, result);
  return result;
}

function trim(n: number, digits: number): string {
  return String(Number(n.toFixed(digits)));
}

/** Cores as kubectl would print them: "250m", "2", "1.5". */
export function formatCpu(cores: number): string {
  if (cores === 0) return '0';
  if (cores < 1) return `${Math.round(cores * 1000)}m`;
  return trim(cores, 2);
}

/** Bytes in binary units: "128Mi", "1.5Gi". */
export function formatMemory(bytes: number): string {
  if (bytes === 0) return '0';
  const units: [string, number][] = [
    ['Ti', 2 ** 40],
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ];
  for (const [unit, size] of units) {
    if (bytes >= size) return `${trim(bytes / size, 1)}${unit}`;
  }
  return String(Math.round(bytes));
}
