/**
 * Kubernetes resource quantities ("500m", "2", "512Mi", "8Gi", "1e3"), as
 * resource.Quantity parses them. CPU is handled in millicores, everything else
 * in base units (bytes, pods).
 */
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const QUANTITY = /^([+-]?[0-9.]+)(?:([eE][+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/;

/** The value of a quantity in base units, or undefined if it is not a quantity. */
export function parseQuantity(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? input : undefined;
  const match = QUANTITY.exec(input.trim());
  if (!match) return undefined;
  const [, digits, exponent, suffix = ''] = match;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(digits!)) return undefined;
  const number = Number(digits);
  if (exponent) return number * 10 ** Number(exponent.slice(1));
  return number * (BINARY[suffix] ?? DECIMAL[suffix]!);
}

/** CPU in millicores, rounded up as the scheduler does (MilliValue). */
export function cpuMillis(input: string | number | undefined): number {
  if (input === undefined) return 0;
  const value = parseQuantity(input);
  return value === undefined ? 0 : Math.ceil(Math.round(value * 1e9) / 1e6);
}

/** A non-CPU quantity in base units, rounded up (Value). */
export function quantityValue(input: string | number | undefined): number {
  if (input === undefined) return 0;
  const value = parseQuantity(input);
  return value === undefined ? 0 : Math.ceil(value);
}

/** "1500m", "2": CPU millicores as the API prints them. */
export function formatCpu(millis: number): string {
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

/** "512Mi", "16Gi": bytes in the largest binary unit that divides them. */
export function formatBytes(bytes: number): string {
  for (const unit of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'] as const) {
    const size = BINARY[unit]!;
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}
