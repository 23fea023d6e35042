export function App() {
  return (
    <main>
      <h1>Kube Playground</h1>
      <p role="status">Loading the simulation…</p>
    </main>
  );
}
