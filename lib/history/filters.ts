import { z } from "zod";
import { decisions } from "@/lib/grading/types";
import { roundKinds } from "@/lib/scenarios/schema";

/**
 * The history page's query string, parsed once. A bad value is dropped (the filter is simply off)
 * rather than failing the page: these come from links and hand-edited URLs.
 */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));
const opt = <T extends z.ZodType>(s: T) => s.optional().catch(undefined);

export const historyQuerySchema = z.object({
  view: z.enum(["sessions", "kernels"]).catch("sessions").default("sessions"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  template: opt(z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(100)),
  kind: opt(z.enum(roundKinds)),
  decision: opt(z.enum([...decisions, "none"])),
  from: opt(day),
  to: opt(day),
  problem: opt(z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(100)),
  verdict: opt(z.string().regex(/^[a-z-]+$/).max(32)),
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

export function parseHistoryQuery(params: Record<string, string | string[] | undefined>): HistoryQuery {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]).filter(([, v]) => v !== undefined && v !== ""));
  return historyQuerySchema.parse(flat);
}

/** The database filter: dates are whole UTC days, both ends included. */
export function toSessionFilter(q: HistoryQuery) {
  return {
    templateId: q.template,
    kind: q.kind,
    decision: q.decision,
    from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
    to: q.to ? new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000) : undefined,
  };
}

/** The query string for a variant of the current view (another page, another tab), empty values left out. */
export function historyHref(q: Partial<HistoryQuery>, patch: Partial<HistoryQuery> = {}, base = "/history"): string {
  const merged = { ...q, ...patch } as Record<string, unknown>;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) {
    if (v === undefined || v === null || v === "") continue;
    if (k === "page" && v === 1) continue;
    if (k === "view" && v === "sessions") continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${base}?${s}` : base;
}
