"use client";
import { useEffect, useState } from "react";

type Theme = "system" | "light" | "dark";

/** Light, dark, or follow the system; remembered in localStorage. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>("system");
  useEffect(() => {
    setTheme((localStorage.getItem("loopbench-theme") as Theme | null) ?? "system");
  }, []);
  function choose(next: Theme) {
    setTheme(next);
    if (next === "system") {
      localStorage.removeItem("loopbench-theme");
      delete document.documentElement.dataset.theme;
    } else {
      localStorage.setItem("loopbench-theme", next);
      document.documentElement.dataset.theme = next;
    }
  }
  return (
    <label className="row small" style={{ fontWeight: 400, margin: 0 }}>
      <span className="sr-only">Color theme</span>
      <select aria-label="Color theme" value={theme} onChange={(e) => choose(e.target.value as Theme)}>
        <option value="system">System theme</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
