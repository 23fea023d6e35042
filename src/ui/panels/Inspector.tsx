import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MachineView } from '../../protocol/messages';
import type { Node, NodeCondition, Pod } from '../../sim/api/types';
import { formatSimTime, simMsOf } from '../format';
import { formatTaint, serviceDnsName, servicesOfPod } from '../kube';
import { clearSelection, select, type Selection } from '../selection';
import { ExpectThis } from '../share/ExpectThis';
import { ContainerFaultControl } from './ContainerFaultControl';
import { PodContainers } from './PodContainers';
import { PodLogs } from './PodLogs';
import { liveYaml, openInEditor } from '../editor/editor-state';
import type { KubeObject } from '../../protocol/messages';
import { ServiceTraffic } from './ServiceTraffic';
import { useSim } from '../store';
import { scalableOwnerOf } from '../workloads';
import { None } from '../tables/None';
import { ScaleControl } from '../tables/ScaleControl';
import { StatusText } from '../tables/StatusText';

/**
 * `kubectl describe` for the selected node, pod or zone, and the worker's
 * "why?" chain, in the side panel's Inspector tab. A complementary region;
 * Escape or the Close button closes it (and focus goes back to what opened it).
 */
export function Inspector() {
  const selection = useSim((s) => s.inspector.selection);
  const heading = useRef<HTMLHeadingElement>(null);
  const key = selection ? `${selection.kind}/${selection.namespace ?? ''}/${selection.name}` : '';

  // Moves focus into the panel when the selection changes, so keyboard users land on what they opened.
  useEffect(() => {
    if (key) heading.current?.focus();
  }, [key]);

  useEffect(() => {
    if (!selection) return;
    const onKeyDown = (event: KeyboardEvent) => {
      // Escape in the YAML editor is the editor's (it closes completion, then lets Tab leave).
      if (event.target instanceof Element && event.target.closest('.editor-cm')) return;
      if (event.key === 'Escape' && !event.defaultPrevented) clearSelection();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [selection]);

  if (!selection)
    return (
      <p className="muted empty-state">
        Nothing selected. Click a node card, a pod or a zone in the graph or the tables, or press <kbd>i</kbd> on a focused card or pod.
      </p>
    );
  const title = selection.kind === 'Pod' ? `Pod ${selection.namespace ?? 'default'}/${selection.name}` : `${selection.kind} ${selection.name}`;
  return (
    <aside className="inspector" aria-label="Inspector">
      <div className="inspector-head">
        <h2 ref={heading} tabIndex={-1}>
          {title}
        </h2>
        {selection.kind !== 'Zone' && <EditButton selection={selection} />}
        <button type="button" className="small" onClick={clearSelection} aria-label="Close inspector">
          Close <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
      <div className="inspector-body">
        {selection.kind === 'Node' && <NodeDetails name={selection.name} />}
        {selection.kind === 'Pod' && <PodDetails podKey={`${selection.namespace ?? 'default'}/${selection.name}`} />}
        {selection.kind === 'Zone' && <ZoneDetails name={selection.name} />}
        <ExpectThis selection={selection} />
        <Why />
      </div>
    </aside>
  );
}

/** The object as the page holds it now (the instant shown). */
function liveObject(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
  const { cluster } = useSim.getState();
  if (kind === 'Node') return cluster.nodes.get(name);
  if (kind === 'Pod') return cluster.pods.get(`${namespace ?? 'default'}/${name}`);
  return cluster.others.get(kind)?.get(namespace ? `${namespace}/${name}` : name);
}

/** "Edit": the object's live YAML (no managed fields) in the Editor tab; applying it once stale fails as upstream's optimistic concurrency does. */
function EditButton({ selection, label }: { selection: { kind: string; namespace?: string | undefined; name: string }; label?: string }) {
  const { kind, namespace, name } = selection;
  return (
    <button
      type="button"
      className="small"
      aria-label={label ?? `Edit ${kind} ${name} as YAML`}
      onClick={() => {
        const object = liveObject(kind, namespace, name);
        if (object) openInEditor(liveYaml(object));
      }}
    >
      Edit
    </button>
  );
}

function useTime(): (timestamp: string | undefined | null) => string | undefined {
  const epochMs = useSim((s) => s.clock.epochMs);
  return (timestamp) => {
    const ms = simMsOf(timestamp, epochMs);
    return ms === undefined ? undefined : formatSimTime(ms);
  };
}

function withT(text: string | undefined) {
  return text === undefined ? <None /> : `t = ${text}`;
}

/** A point in simulated time, written as everywhere else on the page ("t = 1m25s"), not as an age. */
function TimeCell({ text, label }: { text: string | undefined; label: string }) {
  return (
    <td className="num" data-label={label}>
      {text === undefined ? <None /> : `t = ${text}`}
    </td>
  );
}

/** What is true of the machine behind a node: its power, and whether its network path to the API server is up. */
export function machineText(machine: MachineView): string {
  const path = machine.reachable ? 'its network path to the API server is up' : 'its network path to the API server is cut';
  if (machine.power === 'off') return `Off (no kubelet runs); ${path}`;
  if (machine.power === 'shutting-down') return `Shutting down; ${path}`;
  return machine.reachable ? 'On; its kubelet reaches the API server' : `On, but ${path}`;
}

/** Conditions that are good news when False (node pressure, a pod's disruption); every other one is good when True. */
const HEALTHY_WHEN_FALSE = new Set(['MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable', 'DisruptionTarget']);

function Conditions({ conditions, heartbeat }: { conditions: readonly NodeCondition[]; heartbeat: boolean }) {
  const time = useTime();
  if (conditions.length === 0) return <p className="muted">No conditions.</p>;
  return (
    <div className="table-wrap">
      <p className="muted time-note">Times are simulated time since the start, as on the clock.</p>
      <table className="inspector-table" aria-label="Conditions">
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Status</th>
            {heartbeat && <th scope="col">Heartbeat at</th>}
            <th scope="col">Changed at</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {conditions.map((c) => (
            <tr key={c.type}>
              <th scope="row">{c.type}</th>
              <td>
                <StatusText status={c.status} good={HEALTHY_WHEN_FALSE.has(c.type) ? 'False' : 'True'} />
              </td>
              {heartbeat && <TimeCell text={time(c.lastHeartbeatTime)} label="heartbeat at" />}
              <TimeCell text={time(c.lastTransitionTime)} label="changed at" />
              <td className="reason">{c.reason ?? <None />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function NodeDetails({ name }: { name: string }) {
  const node = useSim((s) => s.cluster.nodes.get(name));
  const renewTime = useSim((s) => s.cluster.leases.get(`kube-node-lease/${name}`)?.spec.renewTime);
  const podKeys = useSim(useShallow((s) => [...(s.cluster.podsByNode.get(name) ?? [])].sort()));
  const seen = useSim((s) => s.cluster.taintSeenMs.get(name));
  const machine = useSim((s) => s.machines.byNode.get(name));
  const time = useTime();
  if (!node) return <p>This node no longer exists.</p>;
  return (
    <>
      <dl className="fields">
        <Field label="Zone">{node.metadata.labels?.['topology.kubernetes.io/zone'] ?? <None />}</Field>
        <Field label="Lease renew time">{withT(time(renewTime))}</Field>
        <Field label="Unschedulable">{node.spec.unschedulable ? 'Yes (cordoned)' : 'No'}</Field>
        <Field label="Machine">{machine ? machineText(machine) : <None />}</Field>
        <Field label="Addresses">
          {(node.status.addresses ?? []).length ? (node.status.addresses ?? []).map((a) => `${a.type} ${a.address}`).join(', ') : <None />}
        </Field>
        <Field label="Pod CIDR">{node.spec.podCIDR ? <span className="mono">{node.spec.podCIDR}</span> : <None />}</Field>
        {node.status.nodeInfo && (
          <Field label="System info">
            {`kubelet ${node.status.nodeInfo.kubeletVersion}, ${node.status.nodeInfo.osImage} (${node.status.nodeInfo.operatingSystem}/${node.status.nodeInfo.architecture}), kernel ${node.status.nodeInfo.kernelVersion}, ${node.status.nodeInfo.containerRuntimeVersion}`}
          </Field>
        )}
      </dl>
      <h3>Conditions</h3>
      <Conditions conditions={node.status.conditions ?? []} heartbeat />
      <h3>Taints</h3>
      {(node.spec.taints ?? []).length === 0 ? (
        <p className="muted">No taints.</p>
      ) : (
        <ul className="plain">
          {(node.spec.taints ?? []).map((t) => {
            const seenMs = seen?.get(`${t.key}:${t.effect}`);
            const added = time(t.timeAdded);
            return (
              <li key={`${t.key}:${t.effect}`}>
                <code>{formatTaint(t)}</code>{' '}
                <span className="muted">{added ? `timeAdded t = ${added}` : seenMs !== undefined ? `(no timeAdded; seen since t = ${formatSimTime(seenMs)})` : ''}</span>
              </li>
            );
          })}
        </ul>
      )}
      <h3>Pods ({podKeys.length})</h3>
      {podKeys.length === 0 ? (
        <p className="muted">No pods.</p>
      ) : (
        <ul className="plain">
          {podKeys.map((key) => (
            <li key={key}>
              <PodLink podKey={key} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function PodLink({ podKey }: { podKey: string }) {
  const [namespace = 'default', name = podKey] = podKey.split('/');
  const phase = useSim((s) => {
    const pod = s.cluster.pods.get(podKey);
    return pod?.metadata.deletionTimestamp ? 'Terminating' : (pod?.status.phase ?? 'Pending');
  });
  return (
    <>
      <button type="button" className="link" onClick={() => select({ kind: 'Pod', namespace, name })}>
        {namespace === 'default' ? name : podKey}
      </button>{' '}
      <span className="muted">{phase}</span>
    </>
  );
}

function PodDetails({ podKey }: { podKey: string }) {
  const pod: Pod | undefined = useSim((s) => s.cluster.pods.get(podKey));
  const eviction = useSim((s) => s.evictions.byPod.get(podKey));
  const workload = useSim(useShallow((s) => (pod ? scalableOwnerOf(pod, s.cluster.others) : undefined)));
  const desired = useSim((s) => {
    const spec = workload && (s.cluster.others.get(workload.kind)?.get(`${workload.namespace}/${workload.name}`) as { spec?: { replicas?: number } } | undefined)?.spec;
    return spec?.replicas;
  });
  const services = useSim(useShallow((s) => (pod ? servicesOfPod(pod, s.cluster.others.get('Service')?.values() ?? []) : [])));
  const time = useTime();
  if (!pod) return <p>This pod no longer exists.</p>;
  const owners = pod.metadata.ownerReferences ?? [];
  const node = pod.spec.nodeName;
  return (
    <>
      <dl className="fields">
        <Field label="Status">{pod.metadata.deletionTimestamp ? `Terminating (phase ${pod.status.phase ?? 'Pending'})` : (pod.status.phase ?? 'Pending')}</Field>
        <Field label="Node">
          {node ? (
            <button type="button" className="link" onClick={() => select({ kind: 'Node', name: node })}>
              {node}
            </button>
          ) : (
            <None />
          )}
        </Field>
        <Field label="Controlled by">{owners.length ? owners.map((o) => `${o.kind}/${o.name}`).join(', ') : <None />}</Field>
        {workload && (
          <Field label="Workload">
            <span className="mono">
              {workload.kind} {workload.namespace === 'default' ? workload.name : `${workload.namespace}/${workload.name}`}
            </span>{' '}
            <ScaleControl key={`${workload.kind}/${workload.namespace}/${workload.name}`} workload={workload} desired={desired} />{' '}
            <EditButton selection={{ kind: workload.kind, namespace: workload.namespace, name: workload.name }} label={`Edit ${workload.kind} ${workload.name} as YAML`} />
          </Field>
        )}
        <Field label="Deletion timestamp">
          {withT(time(pod.metadata.deletionTimestamp))}
          {pod.metadata.deletionGracePeriodSeconds !== undefined && ` (grace ${pod.metadata.deletionGracePeriodSeconds} s)`}
        </Field>
        {eviction && <Field label="Eviction scheduled">{`t = ${formatSimTime(eviction.fireAtMs)}`}</Field>}
        <Field label="IP">{pod.status.podIP ? <span className="mono">{pod.status.podIP}</span> : <None />}</Field>
        <Field label="Services">
          {services.length === 0 ? (
            <None />
          ) : (
            <ul className="plain">
              {services.map((svc) => (
                <li key={svc.metadata.name}>
                  <span className="mono dns-name">{serviceDnsName(svc)}</span>{' '}
                  <span className="muted">{svc.spec?.clusterIP === 'None' ? '(headless)' : svc.spec?.clusterIP}</span>
                  {svc.spec?.clusterIP !== 'None' && <ServiceTraffic namespace={svc.metadata.namespace ?? 'default'} name={svc.metadata.name} />}
                </li>
              ))}
            </ul>
          )}
        </Field>
      </dl>
      <h3>Conditions</h3>
      <Conditions conditions={(pod.status.conditions ?? []) as NodeCondition[]} heartbeat={false} />
      <PodContainers pod={pod} />
      <ContainerFaultControl key={podKey} pod={pod} />
      <h3>Tolerations</h3>
      {(pod.spec.tolerations ?? []).length === 0 ? (
        <p className="muted">No tolerations.</p>
      ) : (
        <ul className="plain">
          {(pod.spec.tolerations ?? []).map((t, i) => (
            <li key={i}>
              <code>
                {t.key ?? '(all keys)'} {t.operator ?? 'Equal'}
                {t.value ? ` ${t.value}` : ''}
                {t.effect ? `:${t.effect}` : ''}
              </code>{' '}
              <span className="muted">{typeof t.tolerationSeconds === 'number' ? `for ${t.tolerationSeconds} s` : 'forever'}</span>
            </li>
          ))}
        </ul>
      )}
      <PodLogs key={podKey} pod={pod} />
    </>
  );
}

function ZoneDetails({ name }: { name: string }) {
  const zone = useSim((s) => s.zones.zones.find((z) => z.zone === name));
  const nodes = useSim(useShallow((s) => [...s.cluster.nodes.values()].filter((n: Node) => n.metadata.labels?.['topology.kubernetes.io/zone'] === name).map((n) => n.metadata.name).sort()));
  if (!zone) return <p>The node lifecycle controller does not know this zone.</p>;
  return (
    <>
      <dl className="fields">
        <Field label="Region">{zone.region || <None />}</Field>
        <Field label="Disruption state">{zone.state}</Field>
        <Field label="Eviction rate">{`${zone.evictionQps} nodes/s`}</Field>
      </dl>
      <h3>Nodes</h3>
      <ul className="plain">
        {nodes.map((n) => (
          <li key={n}>
            <button type="button" className="link" onClick={() => select({ kind: 'Node', name: n } satisfies Selection)}>
              {n}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function Why() {
  const explanation = useSim((s) => s.inspector.explanation);
  return (
    <section aria-labelledby="why-heading" className="why">
      <h3 id="why-heading">Why?</h3>
      {!explanation ? (
        <p className="muted">Asking the simulation…</p>
      ) : (
        <>
          <p>
            <strong>{explanation.summary}</strong>
          </p>
          <ol className="why-chain" aria-label="Why chain">
            {explanation.lines.map((line, i) => (
              <li key={i} className={line.when === 'future' ? 'future' : undefined}>
                {line.atMs !== undefined && (
                  <span className="why-time">
                    t = {formatSimTime(line.atMs)}
                    {line.when === 'future' && <span className="muted"> (ahead)</span>}
                  </span>
                )}
                <span>{line.text}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
