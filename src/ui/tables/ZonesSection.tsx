import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { act } from '../actions';
import { nodeReadyStatus, nodeZone } from '../kube';
import { isSelected, select } from '../selection';
import { useSim } from '../store';

/** Upstream's zone states, in words. */
const STATE_TEXT: Record<string, string> = {
  Initial: 'Initial (not yet assessed)',
  Normal: 'Normal',
  PartialDisruption: 'PartialDisruption (≥ 55% of nodes not Ready)',
  FullDisruption: 'FullDisruption (no node Ready)',
};

export function ZonesSection() {
  const keys = useSim(useShallow((s) => s.zones.zones.map((z) => z.key)));
  return (
    <section aria-labelledby="zones-heading" className="panel">
      <h2 id="zones-heading">Zones</h2>
      <div className="table-wrap">
        <table aria-labelledby="zones-heading">
          <thead>
            <tr>
              <th scope="col">Zone</th>
              <th scope="col">Disruption state</th>
              <th scope="col">Ready nodes</th>
              <th scope="col">Eviction rate</th>
              <th scope="col">Network</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <ZoneRow key={key} zoneKey={key} />
            ))}
          </tbody>
        </table>
      </div>
      {keys.length === 0 && <p className="muted">No zones yet: the node lifecycle controller has not run.</p>}
    </section>
  );
}

const ZoneRow = memo(function ZoneRow({ zoneKey }: { zoneKey: string }) {
  const zone = useSim((s) => s.zones.zones.find((z) => z.key === zoneKey));
  const name = zone?.zone ?? '';
  const partitioned = useSim((s) => s.zones.partitioned.has(name));
  const readyCount = useSim((s) => {
    let ready = 0;
    let total = 0;
    for (const node of s.cluster.nodes.values()) {
      if (nodeZone(node) !== name) continue;
      total++;
      if (nodeReadyStatus(node) === 'True') ready++;
    }
    return `${ready} / ${total}`;
  });
  const selected = useSim((s) => isSelected(s, 'Zone', name));
  if (!zone) return null;
  const label = name || '(no zone)';
  return (
    <tr>
      <th scope="row">
        {name ? (
          <button type="button" className="link mono" aria-pressed={selected} onClick={() => select({ kind: 'Zone', name })}>
            {label}
          </button>
        ) : (
          <span className="mono">{label}</span>
        )}
        {zone.region && <span className="muted region">{zone.region}</span>}
      </th>
      <td>
        <span className={`zone-state zone-${zone.state}`}>{STATE_TEXT[zone.state] ?? zone.state}</span>
      </td>
      <td>{readyCount}</td>
      <td>{formatRate(zone.evictionQps)}</td>
      <td>{partitioned ? <span className="status status-bad">cut off</span> : 'reachable'}</td>
      <td className="actions">
        {name && (
          <button
            type="button"
            className="small"
            aria-label={`${partitioned ? 'Heal' : 'Partition'} ${name}`}
            onClick={() => act(partitioned ? { do: 'heal-zone', zone: name } : { do: 'partition-zone', zone: name })}
          >
            {partitioned ? 'Heal' : 'Partition'}
          </button>
        )}
      </td>
    </tr>
  );
});

function formatRate(qps: number): string {
  if (qps === 0) return 'stopped (0 nodes/s)';
  return `${qps} node${qps === 1 ? '' : 's'}/s`;
}
