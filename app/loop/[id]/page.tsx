import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { LoopRunner } from "@/components/loop/loop-runner";
import { getSessionView, LoopError } from "@/lib/loop";

export const dynamic = "force-dynamic";

export default async function LoopPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  let view;
  try {
    view = await getSessionView({ db: await getDb(), id });
  } catch (err) {
    if (err instanceof LoopError && err.status === 404) notFound();
    throw err;
  }
  if (view.status === "completed") redirect(`/loop/${id}/debrief`);
  return <LoopRunner initial={view} />;
}
