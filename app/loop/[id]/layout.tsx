import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getSessionById } from "@/db/queries/sessions";

export const dynamic = "force-dynamic";

/**
 * Answers 404 for a missing or malformed session id before anything streams. The pages below check too,
 * but this segment's loading.tsx starts a 200 stream first, so a notFound() there would only show the
 * not-found page under status 200 (a soft 404).
 */
export default async function LoopLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[A-Za-z0-9-]{1,100}$/.test(id) || !(await getSessionById({ db: await getDb(), id }))) notFound();
  return children;
}
