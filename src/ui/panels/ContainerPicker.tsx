/** Which of a pod's containers a section is about: shown only when the pod has several. */
export function ContainerPicker({ names, value, onChange }: { names: readonly string[]; value: string; onChange: (name: string) => void }) {
  if (names.length < 2) return null;
  return (
    <label>
      Container{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}
