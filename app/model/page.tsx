import type { Metadata } from "next";
import { Suspense } from "react";
import { ModelSandbox } from "@/components/model/model-sandbox";
import { UrlStateProvider } from "@/components/model/url-state";

export const metadata: Metadata = { title: "Model sandbox · Loopbench" };

type SearchParams = Record<string, string | string[] | undefined>;

/** The query as one URLSearchParams string; a key given twice keeps its last value, as the form does. */
function queryOf(sp: SearchParams): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) {
    const last = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof last === "string") q.set(k, last);
  }
  return q.toString();
}

export default async function ModelPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = queryOf(await searchParams);
  return (
    <>
      <h1>Model sandbox</h1>
      <p className="muted">
        A roofline model of LLM inference on real GPUs: memory, time to first token, decode speed, throughput and cost. Click any number to see its derivation.
      </p>
      {/* useSearchParams (the form's URL state) needs a Suspense boundary. */}
      <Suspense fallback={<p className="muted">Loading the sandbox…</p>}>
        <UrlStateProvider>
          <ModelSandbox query={query} />
        </UrlStateProvider>
      </Suspense>
    </>
  );
}
