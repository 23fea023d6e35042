/** Zone keys and zone states of the node lifecycle controller. */
import type { Node } from '../api/types';

// Upstream: staging/src/k8s.io/component-helpers/node/topology/helpers.go
export const LABEL_ZONE = 'topology.kubernetes.io/zone';
export const LABEL_REGION = 'topology.kubernetes.io/region';
const LABEL_ZONE_BETA = 'failure-domain.beta.kubernetes.io/zone';
const LABEL_REGION_BETA = 'failure-domain.beta.kubernetes.io/region';
/** Upstream: labelNodeDisruptionExclusion. */
export const LABEL_EXCLUDE_DISRUPTION = 'node.kubernetes.io/exclude-disruption';

export type ZoneState = 'Initial' | 'Normal' | 'PartialDisruption' | 'FullDisruption';

/** Upstream: GetZoneKey — "region:\0:zone", or "" when the node has neither label. */
export function getZoneKey(node: Node): string {
  const labels = node.metadata.labels ?? {};
  const zone = labels[LABEL_ZONE_BETA] ?? labels[LABEL_ZONE] ?? '';
  const region = labels[LABEL_REGION_BETA] ?? labels[LABEL_REGION] ?? '';
  if (zone === '' && region === '') return '';
  return `${region}:\u0000:${zone}`;
}

export function parseZoneKey(key: string): { region: string; zone: string } {
  if (key === '') return { region: '', zone: '' };
  const [region = '', zone = ''] = key.split(':\u0000:');
  return { region, zone };
}

export function isExcludedFromDisruption(node: Node): boolean {
  return node.metadata.labels?.[LABEL_EXCLUDE_DISRUPTION] !== undefined;
}

/**
 * Upstream: Controller.ComputeZoneState. `readyStatuses` are the Ready
 * condition statuses of the zone's non-excluded nodes (undefined = none).
 * Upstream compares float32 values; Math.fround keeps that rounding.
 */
export function computeZoneState(
  readyStatuses: readonly (string | undefined)[],
  unhealthyZoneThreshold: number,
): { notReady: number; state: ZoneState } {
  let ready = 0;
  let notReady = 0;
  for (const status of readyStatuses) {
    if (status === 'True') ready++;
    else notReady++;
  }
  if (ready === 0 && notReady > 0) return { notReady, state: 'FullDisruption' };
  if (notReady > 2 && Math.fround(Math.fround(notReady) / Math.fround(notReady + ready)) >= Math.fround(unhealthyZoneThreshold)) {
    return { notReady, state: 'PartialDisruption' };
  }
  return { notReady, state: 'Normal' };
}
