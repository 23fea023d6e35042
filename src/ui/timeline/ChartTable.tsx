import { useMemo } from 'react';
import { useSim } from '../store';
import { formatSimTime } from '../format';
import { buildColumns, minuteRows, POD_PHASES, serviceLabel } from './chart-columns';
import { minuteLabel } from './time-axis';

/** The charts' numbers, one row per simulated minute: the table equivalent of the lanes. */
export function ChartTable() {
  const samples = useSim((s) => s.timeline.samples);
  const { zones, services, rows } = useMemo(() => {
    const columns = buildColumns(samples);
    return { zones: columns.zones, services: columns.services, rows: minuteRows(columns) };
  }, [samples]);
  return (
    <div className="tl-table-wrap" tabIndex={0} role="region" aria-label="Chart data per minute">
      <table className="tl-table">
        <caption>
          Per simulated minute: events and requests to Services in that minute, and nodes and pods at its end.
        </caption>
        <thead>
          <tr>
            <th scope="col">Minute</th>
            {zones.map((zone) => (
              <th scope="col" key={zone}>
                Ready in {zone}
              </th>
            ))}
            {POD_PHASES.map((phase) => (
              <th scope="col" key={phase}>
                {phase}
              </th>
            ))}
            <th scope="col">Evictions</th>
            <th scope="col">FailedScheduling</th>
            <th scope="col">Requests OK</th>
            <th scope="col">Requests failed</th>
            {services.map((service) => [
              <th scope="col" key={`${service} ok`}>
                {serviceLabel(service)} OK
              </th>,
              <th scope="col" key={`${service} failed`}>
                {serviceLabel(service)} failed
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={zones.length + POD_PHASES.length + 5 + services.length * 2}>No samples yet: play or step the simulation.</td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.minute}>
                <th scope="row" title={`up to ${formatSimTime((row.minute + 1) * 60_000)}`}>
                  {minuteLabel(row.minute)}
                </th>
                {row.ready.map((n, i) => (
                  <td key={zones[i]}>{n}</td>
                ))}
                {row.pods.map((n, i) => (
                  <td key={POD_PHASES[i]}>{n}</td>
                ))}
                <td>{row.evictions}</td>
                <td>{row.failedScheduling}</td>
                <td>{row.requestsOk}</td>
                <td>{row.requestsFailed}</td>
                {row.services.map((counts, i) => [<td key={`${services[i]} ok`}>{counts.ok}</td>, <td key={`${services[i]} failed`}>{counts.failed}</td>])}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
