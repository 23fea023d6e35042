/** The next free "<zone>-<n>" name: one past the highest number in use. */
export function nextNodeName(zone: string, existing: Iterable<string>): string {
  const taken = new Set(existing);
  let n = 1;
  for (const name of taken) {
    const match = name.startsWith(`${zone}-`) ? /^(\d+)$/.exec(name.slice(zone.length + 1)) : null;
    if (match) n = Math.max(n, Number(match[1]) + 1);
  }
  while (taken.has(`${zone}-${n}`)) n++;
  return `${zone}-${n}`;
}
