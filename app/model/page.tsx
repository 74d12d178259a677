import type { Metadata } from "next";
import { Suspense } from "react";
import { ModelSandbox } from "@/components/model/model-sandbox";

export const metadata: Metadata = { title: "Model sandbox · Loopbench" };

export default function ModelPage() {
  return (
    <>
      <h1>Model sandbox</h1>
      <p className="muted">
        A roofline model of LLM inference on real GPUs: memory, time to first token, decode speed, throughput and cost. Click any number to see its derivation.
      </p>
      {/* useSearchParams needs a Suspense boundary for static rendering in Next 16. */}
      <Suspense fallback={<p className="muted">Loading the sandbox…</p>}>
        <ModelSandbox />
      </Suspense>
    </>
  );
}
