/** An empty cell: a dash to the eye, "none" to a screen reader. */
export function None() {
  return (
    <>
      <span aria-hidden="true" className="none">
        —
      </span>
      <span className="visually-hidden">none</span>
    </>
  );
}
