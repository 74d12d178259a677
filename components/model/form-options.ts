import "server-only";
import { gpus, models, precisions, presets, knobRanges, knobDescriptions, presetKnobs, defaultDollarsPerGpuHour, type Knobs } from "@/lib/model";
import { DEFAULTS } from "./sandbox-config";
import { KNOB_GROUPS, type FormOptions } from "./sandbox-fields";

/** The form's catalogs, from the engine, as plain data for the client form. */
export function formOptions(): FormOptions {
  return {
    defaults: DEFAULTS,
    presets: presets.map((p) => ({ id: p.id, name: p.name, description: p.description, status: p.validation.status })),
    gpus: gpus.map((g) => ({ id: g.id, name: g.name, unverified: g.unverified.length > 0 })),
    models: models.map((m) => ({ id: m.id, name: m.name })),
    precisions: [...precisions],
    knobRanges,
    knobDescriptions,
    presetKnobs: Object.fromEntries(presets.map((p) => [p.id, { ...presetKnobs(p.id) }])),
    prices: { ...defaultDollarsPerGpuHour },
  };
}

/** Every knob the engine has is in one of the form's groups (checked by a unit test). */
export function ungroupedKnobs(): string[] {
  const grouped = new Set(KNOB_GROUPS.flatMap(([, keys]) => keys));
  return (Object.keys(knobRanges) as (keyof Knobs)[]).filter((k) => !grouped.has(k));
}
