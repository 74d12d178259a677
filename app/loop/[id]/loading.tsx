export default function Loading() {
  return (
    <div className="card" aria-busy="true">
      <p>Loading the round…</p>
      <div className="progress" role="progressbar" aria-label="Loading the round"><div style={{ width: "40%" }} /></div>
    </div>
  );
}
