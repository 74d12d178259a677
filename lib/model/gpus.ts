import { z } from "zod";
import type { MathRate } from "./precision";

/**
 * Accelerator catalog. Source: /work/shared/reference/hardware-and-models.md, which collects the
 * vendors' datasheets (NVIDIA A100/H100/H200/B200/L4/L40S/RTX 4090, AMD MI300X). Peaks are dense
 * (NVIDIA's "with sparsity" figures are 2x these). `null` means the GPU has no such rate.
 *
 * Memory is stored in bytes as GiB: an "80 GB" HBM part exposes 80 GiB (nvidia-smi shows 81,920 MiB
 * on A100 80GB), which is what a capacity check must use.
 */
export interface Gpu {
  id: string;
  name: string;
  /** Dense peak in FLOP/s (TOP/s for int8) per math rate. */
  peak: Record<MathRate, number | null>;
  memoryBytes: number;
  /** What a serving engine can actually allocate when less than memoryBytes (B200 in DGX: 180 GB). */
  usableMemoryBytes: number;
  memoryKind: string;
  /** Peak HBM/GDDR bandwidth, B/s. */
  memoryBandwidth: number;
  /** Scale-up link name, e.g. "NVLink4". */
  interconnect: string;
  /** Per-GPU scale-up bandwidth in ONE direction, B/s (what a ring all-reduce step sends). */
  interconnectBandwidthPerDirection: number;
  tdpWatts: number;
  /** Dotted field paths whose figure is not confirmed by a datasheet; the UI must say so. */
  unverified: string[];
  notes?: string;
}

const T = 1e12;
const GB = 1e9;
const GiB = 1024 ** 3;

// PCIe x16 per direction: gen4 ~32 GB/s, gen5 ~64 GB/s (raw line rate, before protocol overhead).
const PCIE4 = 32 * GB;
const PCIE5 = 64 * GB;

export const gpus = [
  {
    id: "a100-sxm-40gb",
    name: "A100 SXM 40GB",
    peak: { fp32: 19.5 * T, tf32: 156 * T, bf16: 312 * T, fp8: null, int8: 624 * T },
    memoryBytes: 40 * GiB,
    usableMemoryBytes: 40 * GiB,
    memoryKind: "HBM2",
    memoryBandwidth: 1555 * GB,
    interconnect: "NVLink3",
    interconnectBandwidthPerDirection: 300 * GB, // 600 GB/s total = 300 each way
    tdpWatts: 400,
    unverified: [],
  },
  {
    id: "a100-sxm-80gb",
    name: "A100 SXM 80GB",
    peak: { fp32: 19.5 * T, tf32: 156 * T, bf16: 312 * T, fp8: null, int8: 624 * T },
    memoryBytes: 80 * GiB,
    usableMemoryBytes: 80 * GiB,
    memoryKind: "HBM2e",
    memoryBandwidth: 2039 * GB,
    interconnect: "NVLink3",
    interconnectBandwidthPerDirection: 300 * GB,
    tdpWatts: 400,
    unverified: [],
  },
  {
    id: "a100-pcie-80gb",
    name: "A100 PCIe 80GB",
    peak: { fp32: 19.5 * T, tf32: 156 * T, bf16: 312 * T, fp8: null, int8: 624 * T },
    memoryBytes: 80 * GiB,
    usableMemoryBytes: 80 * GiB,
    memoryKind: "HBM2e",
    memoryBandwidth: 1935 * GB,
    interconnect: "PCIe 4",
    interconnectBandwidthPerDirection: PCIE4,
    tdpWatts: 300,
    unverified: [],
  },
  {
    id: "h100-sxm",
    name: "H100 SXM",
    peak: { fp32: 67 * T, tf32: 495 * T, bf16: 989 * T, fp8: 1979 * T, int8: 1979 * T },
    memoryBytes: 80 * GiB,
    usableMemoryBytes: 80 * GiB,
    memoryKind: "HBM3",
    // 3,350 GB/s (some public tools wrongly use 3,072).
    memoryBandwidth: 3350 * GB,
    interconnect: "NVLink4",
    interconnectBandwidthPerDirection: 450 * GB,
    tdpWatts: 700,
    unverified: [],
  },
  {
    id: "h100-pcie",
    name: "H100 PCIe",
    // FP32 and TF32 are given as approximate ("~") in the reference.
    peak: { fp32: 51 * T, tf32: 378 * T, bf16: 756 * T, fp8: 1513 * T, int8: 1513 * T },
    memoryBytes: 80 * GiB,
    usableMemoryBytes: 80 * GiB,
    memoryKind: "HBM2e",
    memoryBandwidth: 2000 * GB,
    interconnect: "PCIe 5",
    interconnectBandwidthPerDirection: PCIE5,
    tdpWatts: 350,
    unverified: ["peak.fp32", "peak.tf32"],
    notes: "FP32 and TF32 peaks are approximate in the source.",
  },
  {
    id: "h200",
    name: "H200 SXM",
    peak: { fp32: 67 * T, tf32: 495 * T, bf16: 989 * T, fp8: 1979 * T, int8: 1979 * T },
    memoryBytes: 141 * GiB,
    usableMemoryBytes: 141 * GiB,
    memoryKind: "HBM3e",
    memoryBandwidth: 4800 * GB,
    interconnect: "NVLink4",
    interconnectBandwidthPerDirection: 450 * GB,
    tdpWatts: 700,
    unverified: [],
  },
  {
    id: "b200",
    name: "B200 (HGX)",
    peak: { fp32: 80 * T, tf32: 1100 * T, bf16: 2250 * T, fp8: 4500 * T, int8: 4500 * T },
    memoryBytes: 192 * GiB,
    usableMemoryBytes: 180 * GiB, // 180 GB usable in DGX B200
    memoryKind: "HBM3e",
    memoryBandwidth: 8000 * GB,
    interconnect: "NVLink5",
    interconnectBandwidthPerDirection: 900 * GB, // 1,800 GB/s total
    tdpWatts: 1000,
    unverified: [],
  },
  {
    id: "mi300x",
    name: "AMD MI300X",
    // TF32 "n/a" in the reference: fp32 matmuls fall back to the FP32 rate (itself unverified).
    peak: { fp32: 163 * T, tf32: null, bf16: 1307 * T, fp8: 2615 * T, int8: 2615 * T },
    memoryBytes: 192 * GiB,
    usableMemoryBytes: 192 * GiB,
    memoryKind: "HBM3",
    memoryBandwidth: 5300 * GB,
    interconnect: "Infinity Fabric",
    interconnectBandwidthPerDirection: 448 * GB, // 896 GB/s total (unverified)
    tdpWatts: 750,
    unverified: ["peak.fp32", "peak.int8", "interconnectBandwidthPerDirection"],
    notes: "FP32, INT8 and Infinity Fabric bandwidth are unverified in the source.",
  },
  {
    id: "l4",
    name: "L4",
    peak: { fp32: 30.3 * T, tf32: 60 * T, bf16: 121 * T, fp8: 242 * T, int8: 242 * T },
    memoryBytes: 24 * GiB,
    usableMemoryBytes: 24 * GiB,
    memoryKind: "GDDR6",
    memoryBandwidth: 300 * GB,
    interconnect: "PCIe 4",
    interconnectBandwidthPerDirection: PCIE4,
    tdpWatts: 72,
    unverified: [],
  },
  {
    id: "l40s",
    name: "L40S",
    peak: { fp32: 91.6 * T, tf32: 183 * T, bf16: 362 * T, fp8: 733 * T, int8: 733 * T },
    memoryBytes: 48 * GiB,
    usableMemoryBytes: 48 * GiB,
    memoryKind: "GDDR6",
    memoryBandwidth: 864 * GB,
    interconnect: "PCIe 4",
    interconnectBandwidthPerDirection: PCIE4,
    tdpWatts: 350,
    unverified: [],
  },
  {
    id: "rtx-4090",
    name: "RTX 4090",
    // BF16 165 is with FP32 accumulate (the rate frameworks use).
    peak: { fp32: 82.6 * T, tf32: 82.6 * T, bf16: 165 * T, fp8: 330 * T, int8: 661 * T },
    memoryBytes: 24 * GiB,
    usableMemoryBytes: 24 * GiB,
    memoryKind: "GDDR6X",
    memoryBandwidth: 1008 * GB,
    interconnect: "PCIe 4",
    interconnectBandwidthPerDirection: PCIE4,
    tdpWatts: 450,
    unverified: [],
  },
] as const satisfies readonly Gpu[];

export type GpuId = (typeof gpus)[number]["id"];
export const gpuIds = gpus.map((g) => g.id) as [GpuId, ...GpuId[]];
export const GpuIdSchema = z.enum(gpuIds, {
  error: (iss) => `unknown GPU "${String(iss.input)}"; valid ids: ${gpuIds.join(", ")}`,
});

/** Across nodes: InfiniBand NDR 400 Gb/s = 50 GB/s per GPU (reference file); the engine's knob interNodeBandwidth defaults to it. */
export const interNodeBandwidthPerGpu = 50e9;

/** Links with no NVLink-class fabric: all-reduces between these GPUs go over PCIe. */
export function isPcieLink(g: Gpu): boolean {
  return g.interconnect.startsWith("PCIe");
}

const rate = z.number().positive().max(1e18).nullable();
/** A GPU given as data (a custom GPU), checked field by field. Peaks in FLOP/s, bandwidths in B/s, memory in bytes. */
export const GpuSchema = z.object({
  id: z.string().min(1).max(80),
  name: z.string().min(1).max(120),
  peak: z.object({ fp32: rate, tf32: rate, bf16: z.number({ error: "peak.bf16 (FLOP/s) is required" }).positive().max(1e18), fp8: rate, int8: rate }),
  memoryBytes: z.number().positive().max(1e13),
  usableMemoryBytes: z.number().positive().max(1e13),
  memoryKind: z.string().max(40),
  memoryBandwidth: z.number().positive().max(1e14),
  interconnect: z.string().max(60),
  interconnectBandwidthPerDirection: z.number().positive().max(1e13),
  tdpWatts: z.number().positive().max(100_000),
  unverified: z.array(z.string()),
  notes: z.string().optional(),
});

export function getGpu(id: string | Gpu): Gpu {
  if (typeof id !== "string") return id;
  const g = (gpus as readonly Gpu[]).find((x) => x.id === id);
  if (!g) throw new Error(`unknown GPU "${id}"; valid ids: ${gpuIds.join(", ")}`);
  return g;
}

/** The peak a matmul at `rate` actually gets: falls back to 16 bit (fp8 on A100) or fp32 (tf32 on MI300X). */
export function effectivePeak(gpu: Gpu, rate: MathRate): { flops: number; rate: MathRate; fellBack: boolean } {
  const v = gpu.peak[rate];
  if (v != null) return { flops: v, rate, fellBack: false };
  const fallback: MathRate = rate === "tf32" ? "fp32" : "bf16";
  return { flops: gpu.peak[fallback] as number, rate: fallback, fellBack: true };
}
