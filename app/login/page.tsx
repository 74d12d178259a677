import type { Metadata } from "next";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in · Loopbench" };

/** Shown when the server runs with LOOPBENCH_PASSWORD (a shared server); proxy.ts sends every other request here first. */
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  // Only a path on this site: never an absolute or protocol-relative URL (an open redirect).
  const target = typeof next === "string" && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
  return (
    <section className="login">
      <h1>Sign in</h1>
      <p>This Loopbench server is shared: enter the password its owner set (LOOPBENCH_PASSWORD).</p>
      <LoginForm next={target} />
    </section>
  );
}
