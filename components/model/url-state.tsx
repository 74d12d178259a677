"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useTransition } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import styles from "./model.module.css";

export type Setter = (patch: Record<string, string | undefined>) => void;
type UrlState = { q: URLSearchParams; set: Setter; pending: boolean };

const UrlStateContext = createContext<UrlState | null>(null);

/**
 * The URL is the sandbox's state, and the server computes the figures from it (so the engine and its
 * validation stay off the page's JavaScript). The form shows every edit at once from a local copy of
 * the query; each edit rewrites the URL (built on the latest edit, so quick edits never undo each
 * other) and the server's figures follow. A URL changed from outside (back button, a shared link)
 * replaces the local copy once no edit of ours is in flight.
 */
export function UrlStateProvider({ children }: { children: React.ReactNode }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const urlQs = params.toString();
  const [local, setLocal] = useState(urlQs);
  const latest = useRef(urlQs);
  useEffect(() => {
    if (urlQs === latest.current || pending) return;
    latest.current = urlQs;
    setLocal(urlQs);
  }, [urlQs, pending]);
  const set = useCallback<Setter>(
    (patch) => {
      const next = new URLSearchParams(latest.current);
      for (const [k, v] of Object.entries(patch)) {
        // undefined removes a key; an emptied field stays empty (and is flagged), never snapping back to its default.
        if (v === undefined) next.delete(k);
        else next.set(k, v);
      }
      const qs = next.toString();
      latest.current = qs;
      setLocal(qs);
      startTransition(() => router.replace(`${pathname}?${qs}`, { scroll: false }));
    },
    [pathname, router],
  );
  const value = useMemo(() => ({ q: new URLSearchParams(local), set, pending }), [local, set, pending]);
  return <UrlStateContext.Provider value={value}>{children}</UrlStateContext.Provider>;
}

export function useUrlState(): UrlState {
  const v = useContext(UrlStateContext);
  if (!v) throw new Error("useUrlState needs a <UrlStateProvider> above it");
  return v;
}

/** The server-computed figures: marked busy (and dimmed) while the server recomputes them after an edit. */
export function Recomputing({ children }: { children: React.ReactNode }) {
  const { pending } = useUrlState();
  return (
    <div aria-busy={pending} className={`${styles.results}${pending ? ` ${styles.recomputing}` : ""}`}>
      <p className={`small muted ${styles.recomputeStatus}`} role="status" aria-live="polite">
        {pending ? "Recomputing…" : ""}
      </p>
      {children}
    </div>
  );
}
