import { kernelProblems } from "@/kernels";
import { readKernelFile } from "@/kernels/files";
import { LabClient, type LabProblem } from "@/components/lab/lab-client";

export const dynamic = "force-dynamic";

export default async function LabPage({ searchParams }: { searchParams: Promise<{ problem?: string }> }) {
  const { problem } = await searchParams;
  const problems: LabProblem[] = kernelProblems.map((p) => ({
    id: p.id,
    title: p.title,
    summary: p.summary,
    starter: readKernelFile(p.id, p.files.starter),
    naive: readKernelFile(p.id, p.files.naive),
    bindings: p.bindings,
    params: p.params,
  }));
  const initial = problems.some((p) => p.id === problem) ? problem! : problems[0].id;
  return (
    <div className="stack">
      <h1>Kernel lab</h1>
      <p className="muted">
        Write a WGSL kernel against the contract, check it against a float64 reference on hidden seeded cases, and benchmark it on this
        browser&apos;s WebGPU adapter, or on the CPU fallback (the same WGSL translated to JavaScript, on small cases). Times count as GPU
        times only when they were measured on a GPU.
      </p>
      <LabClient problems={problems} initialProblem={initial} />
    </div>
  );
}
