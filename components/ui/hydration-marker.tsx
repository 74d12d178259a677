"use client";

import { useEffect } from "react";

/**
 * Marks `<html data-hydrated="true">` once React has hydrated the page. From then on a click or an
 * input reaches its handler (React replays events on parts still hydrating), so end-to-end tests wait
 * for this mark before they interact with a server-rendered page instead of racing the JavaScript.
 */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
