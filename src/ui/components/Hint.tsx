export function Hint() {
  return (
    <p className="hint">
      Kill a node, then step time: watch Ready turn Unknown, taints appear, pods get evicted.
    </p>
  );
}
