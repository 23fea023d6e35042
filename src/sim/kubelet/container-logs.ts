/**
 * What a container writes to its log. Nothing runs in a simulated container,
 * so its log is made of what happened to it, kept compactly (a few numbers
 * and strings per entry, at most LOG_ENTRIES_PER_RUN per run) and written
 * out as text only when read: the lines its image prints on start (nginx,
 * postgres, CoreDNS, kube-proxy, fluent-bit, or a generic server), a line
 * per failed HTTP probe as an access log shows it, and its own exit. The
 * runtime keeps the current run and the one before it (`--previous`), as
 * the container runtime keeps the last terminated container's log.
 */
import { toTimestamp } from '../core/time';

/** [atMs, what, …details]: 'start' (image), 'probe' (probe type, path, status code), 'exit' (code, reason), 'term'. */
export type LogEntry = [number, 'start', string] | [number, 'probe', string, string, number] | [number, 'exit', number, string] | [number, 'term'];

/** At most this many entries per run; older ones are dropped first (the runtime rotates logs too). */
export const LOG_ENTRIES_PER_RUN = 100;

export interface ContainerLog {
  current: LogEntry[];
  /** The last run's log, once the container restarted; null before. */
  previous: LogEntry[] | null;
}

export function appendLog(log: ContainerLog, entry: LogEntry): void {
  log.current.push(entry);
  if (log.current.length > LOG_ENTRIES_PER_RUN) log.current.splice(0, log.current.length - LOG_ENTRIES_PER_RUN);
}

/** A new run: the log so far becomes the previous one. */
export function rotateLog(log: ContainerLog): void {
  log.previous = log.current;
  log.current = [];
}

/** One line as `kubectl logs` prints it; `timestamp` is what `--timestamps` puts before it (RFC 3339, nanoseconds). */
export interface LogLine {
  atMs: number;
  timestamp: string;
  text: string;
}

export function renderLog(entries: readonly LogEntry[], podIP: string): LogLine[] {
  const out: LogLine[] = [];
  for (const entry of entries) {
    const atMs = entry[0];
    const timestamp = toTimestamp(atMs).replace(/\.(\d{3})Z$/, '.$1000000Z');
    for (const text of entryText(entry, podIP)) out.push({ atMs, timestamp, text });
  }
  return out;
}

function entryText(entry: LogEntry, podIP: string): string[] {
  const when = toTimestamp(entry[0]);
  switch (entry[1]) {
    case 'start':
      return startLines(entry[2], when, podIP);
    case 'probe': {
      // The kubelet probes from the node: the source address is the pod network's gateway (.1).
      const gateway = podIP.replace(/\.\d+$/, '.1');
      return [`${gateway} - - [${accessLogTime(when)}] "GET ${entry[3]} HTTP/1.1" ${entry[4]} 0 "-" "kube-probe/1.32"`];
    }
    case 'exit':
      return entry[2] === 0 ? ['exiting'] : entry[3] === 'OOMKilled' ? [] : [`fatal error: exiting with status ${entry[2]}`];
    case 'term':
      return ['received SIGTERM, shutting down'];
  }
}

/** 02/Dec/2026:07:00:00 +0000, as nginx's access log writes a time. */
function accessLogTime(iso: string): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const [date, time] = iso.split('T') as [string, string];
  const [y, m, d] = date.split('-');
  return `${d}/${months[Number(m) - 1]}/${y}:${time.slice(0, 8)} +0000`;
}

/** The first lines an image prints (shortened from what each really prints). */
function startLines(image: string, iso: string, podIP: string): string[] {
  const name = image.replace(/^.*\//, '').replace(/[:@].*$/, '');
  const tag = /:([^@/]+)$/.exec(image)?.[1] ?? 'latest';
  const slashDate = iso.slice(0, 19).replace(/-/g, '/').replace('T', ' ');
  const klog = `I${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 23)}000       1`;
  switch (name) {
    case 'nginx':
      return [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        `${slashDate} [notice] 1#1: nginx/${tag === 'latest' ? '1.27.3' : tag}`,
        `${slashDate} [notice] 1#1: start worker processes`,
      ];
    case 'postgres':
      return [
        'PostgreSQL Database directory appears to contain a database; Skipping initialization',
        `${iso.slice(0, 19).replace('T', ' ')}.000 UTC [1] LOG:  starting PostgreSQL ${tag} on x86_64-pc-linux-gnu`,
        `${iso.slice(0, 19).replace('T', ' ')}.000 UTC [1] LOG:  database system is ready to accept connections`,
      ];
    case 'coredns':
      return ['.:53', `CoreDNS-${tag.replace(/^v/, '')}`, 'linux/amd64, go1.22.7, a6338e9'];
    case 'kube-proxy':
      return [
        `${klog} server_linux.go:66] "Using iptables proxy"`,
        `${klog} server.go:677] "Successfully retrieved node IP(s)" IPs=["${podIP}"]`,
        `${klog} shared_informer.go:320] Caches are synced for service config`,
      ];
    case 'fluent-bit':
      return [`Fluent Bit v${tag}`, `[${slashDate}] [ info] [engine] started (pid=1)`];
    case 'busybox':
    case 'alpine':
    case 'ubuntu':
    case 'debian':
      return [];
    default:
      return [`starting ${name} ${tag}`, 'listening on :8080'];
  }
}
