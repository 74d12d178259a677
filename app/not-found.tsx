import Link from "next/link";

export default function NotFound() {
  return (
    <div className="card">
      <h1>Not found</h1>
      <p>There is no such page or session. Sessions deleted from History are gone for good.</p>
      <Link className="button primary" href="/">Back to the loops</Link>
    </div>
  );
}
