/**
 * CPU milliseconds `run` took in this process: the hang guard of the
 * bad-input and fuzz tests. CPU time, not wall time, so a machine busy with
 * other work does not turn a fast answer into a "hang".
 */
export function cpuMsOf(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1000;
}
