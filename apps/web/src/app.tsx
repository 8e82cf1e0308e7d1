export function App() {
  return (
    <main>
      <h1>Clinic packages</h1>
      <p>Prepaid session packages: purchases, scheduling and appointments.</p>
    </main>
  );
}
