"use client";
import { useEffect, useState } from "react";

export type AppTheme = "light" | "dark";

function current(): AppTheme {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === "light" || chosen === "dark") return chosen;
  return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/**
 * The theme the app shows now: the one chosen in the theme menu (the `data-theme` attribute on
 * <html>), else the system's. Follows both as they change, for widgets that need it as a value.
 */
export function useAppTheme(): AppTheme {
  const [theme, setTheme] = useState<AppTheme>("light");
  useEffect(() => {
    const update = () => setTheme(current());
    update();
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    media.addEventListener("change", update);
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    return () => {
      media.removeEventListener("change", update);
      observer.disconnect();
    };
  }, []);
  return theme;
}
