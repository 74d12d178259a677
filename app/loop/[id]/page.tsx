import { redirect } from "next/navigation";
import { LoopRunner } from "@/components/loop/loop-runner";
import { loadSessionOr404 } from "./load-session";

export const dynamic = "force-dynamic";

export default async function LoopPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const view = await loadSessionOr404(id);
  if (view.status === "completed") redirect(`/loop/${id}/debrief`);
  return <LoopRunner initial={view} />;
}
