import { z } from "zod";
import { base, id } from "./common";

/** Kernel rounds name a problem of the kernel lab (kernels/<problem>). */
export const kernelScenarioSchema = z.object({
  ...base,
  kind: z.literal("kernel"),
  problem: id,
});

