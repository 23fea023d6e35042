import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { act } from '../actions';
import { simMsOf } from '../format';
import { formatTaint, nodeReadyStatus, nodeZone, unusualConditions } from '../kube';
import { isSelected, select } from '../selection';
import { useSim } from '../store';
import type { MachineView } from '../../protocol/messages';
import { None } from './None';
import { StatusText } from './StatusText';

export function NodesTable() {
  const names = useSim(useShallow((s) => [...s.cluster.nodes.keys()].sort()));
  const readyCount = useSim((s) => [...s.cluster.nodes.values()].filter((n) => nodeReadyStatus(n) === 'True').length);
  return (
    <section aria-labelledby="nodes-heading" className="panel">
      <div className="panel-head">
        <h2 id="nodes-heading">Nodes</h2>
        <p className="muted">
          {names.length} nodes, {readyCount} Ready
        </p>
      </div>
      <div className="table-wrap">
        <table aria-labelledby="nodes-heading" className="nodes">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Zone</th>
              <th scope="col">Ready</th>
              <th scope="col">Other conditions</th>
              <th scope="col">Taints</th>
              <th scope="col">Cordoned</th>
              <th scope="col">Pods</th>
              <th scope="col">Lease age</th>
              <th scope="col">Machine</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {names.map((name) => (
              <NodeRow key={name} name={name} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const NodeRow = memo(function NodeRow({ name }: { name: string }) {
  const node = useSim((s) => s.cluster.nodes.get(name));
  const renewTime = useSim((s) => s.cluster.leases.get(`kube-node-lease/${name}`)?.spec.renewTime);
  const podCount = useSim((s) => s.cluster.podsByNode.get(name)?.size ?? 0);
  const machine = useSim((s) => s.machines.byNode.get(name));
  const clock = useSim((s) => s.clock);
  const selected = useSim((s) => isSelected(s, 'Node', name));
  if (!node) return null;

  const conditions = unusualConditions(node);
  const taints = node.spec.taints ?? [];
  const cordoned = node.spec.unschedulable === true;
  const renewMs = simMsOf(renewTime, clock.epochMs);
  return (
    <tr className={selected ? 'selected' : undefined}>
      <th scope="row" className="mono">
        <button type="button" className="link" aria-pressed={selected} onClick={() => select({ kind: 'Node', name })}>
          {name}
        </button>
      </th>
      <td className="mono">{nodeZone(node) || <None />}</td>
      <td>
        <StatusText status={nodeReadyStatus(node)} />
      </td>
      <td>{conditions.length ? conditions.join(', ') : <None />}</td>
      <td>
        {taints.length ? (
          <ul className="taints">
            {taints.map((t) => (
              <li key={`${t.key}:${t.effect}`}>
                <code>{formatTaint(t)}</code>
              </li>
            ))}
          </ul>
        ) : (
          <None />
        )}
      </td>
      <td>{cordoned ? <span className="status status-warn">Yes</span> : 'No'}</td>
      <td className="num">
        {podCount} / {node.status.allocatable?.pods ?? '?'}
      </td>
      <td className="num">{renewMs === undefined ? <None /> : `${Math.floor(Math.max(clock.nowMs - renewMs, 0) / 1000)} s`}</td>
      <td>{machine ? <MachineText machine={machine} /> : <None />}</td>
      <td className="actions">
        <NodeActions name={name} machine={machine} cordoned={cordoned} />
      </td>
    </tr>
  );
});

function MachineText({ machine }: { machine: MachineView }) {
  const power = machine.power === 'on' ? 'on' : machine.power === 'off' ? 'off' : 'shutting down';
  return (
    <span className="machine">
      <span className={machine.power === 'on' ? '' : 'status status-bad'}>power {power}</span>
      {!machine.reachable && (
        <>
          , <span className="status status-bad">cut off</span>
        </>
      )}
    </span>
  );
}

function NodeActions({ name, machine, cordoned }: { name: string; machine: MachineView | undefined; cordoned: boolean }) {
  const off = machine?.power === 'off';
  const partitioned = machine?.partitioned ?? false;
  return (
    <>
      <button
        type="button"
        className="small"
        aria-label={`${off ? 'Start' : 'Kill'} ${name}`}
        disabled={!machine}
        onClick={() => act(off ? { do: 'start-node', node: name } : { do: 'kill-node', node: name })}
      >
        {off ? 'Start' : 'Kill'}
      </button>
      <button
        type="button"
        className="small"
        aria-label={`${partitioned ? 'Heal' : 'Partition'} ${name}`}
        onClick={() => act(partitioned ? { do: 'heal-node', node: name } : { do: 'partition-node', node: name })}
      >
        {partitioned ? 'Heal' : 'Partition'}
      </button>
      <button
        type="button"
        className="small"
        aria-label={`${cordoned ? 'Uncordon' : 'Cordon'} ${name}`}
        onClick={() => act(cordoned ? { do: 'uncordon', node: name } : { do: 'cordon', node: name })}
      >
        {cordoned ? 'Uncordon' : 'Cordon'}
      </button>
    </>
  );
}
