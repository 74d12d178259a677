"use client";
import { useEffect, type RefObject } from "react";

/**
 * Fills accessibility gaps in Excalidraw 0.18's own markup that axe reports as serious or critical:
 * an icon-only menu button with no name, dialogs (colour and font pickers) with no name, a zoom
 * button whose name does not contain its visible text, and ARIA popup attributes on plain divs
 * (which assistive technology ignores on a div anyway). Excalidraw renders these itself, so they are
 * fixed in the DOM after each render, batched to one pass per frame; a pass that finds nothing to
 * fix changes nothing, so it cannot loop.
 */
export function useExcalidrawA11yFixes(root: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    let frame = 0;
    const set = (node: Element, name: string, value: string) => {
      if (node.getAttribute(name) !== value) node.setAttribute(name, value);
    };
    const fix = () => {
      frame = 0;
      el.querySelectorAll(".main-menu-trigger").forEach((b) => set(b, "aria-label", "Whiteboard menu"));
      el.querySelectorAll(".reset-zoom-button").forEach((b) => set(b, "aria-label", `${(b.textContent ?? "").trim()} zoom, reset to 100%`));
      el.querySelectorAll('[role="dialog"]:not([aria-labelledby])').forEach((d) => {
        const name = d.classList.contains("color-picker-container") ? "Colour picker" : d.classList.contains("FontPicker__container") ? "Font picker" : "Whiteboard options";
        if (!d.getAttribute("aria-label")) d.setAttribute("aria-label", name);
      });
      el.querySelectorAll("div[aria-controls]:not([role])").forEach((d) => {
        d.removeAttribute("aria-controls");
        d.removeAttribute("aria-expanded");
        d.removeAttribute("aria-haspopup");
      });
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(fix);
    };
    fix();
    const observer = new MutationObserver(schedule);
    observer.observe(el, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-controls", "role", "class"], characterData: true });
    return () => {
      observer.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [root]);
}
