import "server-only";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getSessionView, LoopError, type SessionView } from "@/lib/loop";

/** The session for a loop page, or Next's 404 page when there is no such session. */
export async function loadSessionOr404(id: string): Promise<SessionView> {
  try {
    return await getSessionView({ db: await getDb(), id });
  } catch (err) {
    if (err instanceof LoopError && err.status === 404) notFound();
    throw err;
  }
}
