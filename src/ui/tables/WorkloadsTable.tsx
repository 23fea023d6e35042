import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSim } from '../store';
import { controllerOf, isScalable, workloadById, workloadCounts, workloadIds } from '../workloads';
import { None } from './None';
import { ScaleControl } from './ScaleControl';

/** `kubectl get deploy,sts,rs,ds,job -A`, with a Scale control where `kubectl scale` applies. */
export function WorkloadsTable() {
  const ids = useSim(useShallow((s) => workloadIds(s.cluster.others)));
  return (
    <section aria-labelledby="workloads-heading" className="panel">
      <div className="panel-head">
        <h2 id="workloads-heading">Workloads</h2>
        <p className="muted">{ids.length} workloads</p>
      </div>
      <div className="table-wrap">
        <table aria-labelledby="workloads-heading">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Namespace</th>
              <th scope="col">Desired</th>
              <th scope="col">Ready</th>
              <th scope="col">Available</th>
              <th scope="col">Details</th>
              <th scope="col">Scale</th>
            </tr>
          </thead>
          <tbody>
            {ids.map((id) => (
              <WorkloadRow key={id} id={id} />
            ))}
          </tbody>
        </table>
      </div>
      {ids.length === 0 && <p className="muted">No workloads.</p>}
    </section>
  );
}

const WorkloadRow = memo(function WorkloadRow({ id }: { id: string }) {
  const object = useSim((s) => workloadById(s.cluster.others, id));
  if (!object) return null;
  const namespace = object.metadata.namespace ?? 'default';
  const counts = workloadCounts(object);
  const owner = controllerOf(object);
  const count = (n: number | undefined) => (n === undefined ? <None /> : n);
  return (
    <tr>
      <th scope="row" className="mono">
        {object.metadata.name}
      </th>
      <td>{object.kind}</td>
      <td className="mono">{namespace}</td>
      <td className="num">{count(counts.desired)}</td>
      <td className="num">{count(counts.ready)}</td>
      <td className="num">{count(counts.available)}</td>
      <td>
        {counts.detail}
        {owner && (
          <span className="muted">
            {counts.detail ? '; ' : ''}controlled by {owner.kind} {owner.name}
          </span>
        )}
      </td>
      <td className="actions">
        {isScalable(object) ? (
          <ScaleControl workload={{ kind: object.kind, namespace, name: object.metadata.name }} desired={counts.desired} />
        ) : (
          <None />
        )}
      </td>
    </tr>
  );
});
