import { redirect } from "next/navigation";
import { LoopRunner } from "@/components/loop/loop-runner";
import { Markdown } from "@/components/ui/markdown";
import { loadSessionOr404 } from "./load-session";

export const dynamic = "force-dynamic";

export default async function LoopPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const view = await loadSessionOr404(id);
  if (view.status === "completed") redirect(`/loop/${id}/debrief`);
  // Prompts render here, on the server: the Markdown renderer stays out of the page's JavaScript.
  const prompts = Object.fromEntries(view.rounds.map((r) => [r.position, <Markdown key={r.position}>{r.scenario.prompt}</Markdown>]));
  return <LoopRunner initial={view} prompts={prompts} />;
}
