import type { Metadata } from "next";
import Link from "next/link";
import { HydrationMarker } from "@/components/ui/hydration-marker";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import "./globals.css";

export const metadata: Metadata = {
  title: "Loopbench",
  description: "Mock interview loops for LLM-infrastructure engineers",
};

// Set the theme before first paint so a dark-mode user never sees a white flash.
const themeScript = `try{var t=localStorage.getItem("loopbench-theme");if(t)document.documentElement.dataset.theme=t}catch(e){}`;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body>
        <a className="skip-link" href="#main">Skip to main content</a>
        <nav className="topnav" aria-label="Main">
          <Link href="/" className="brand">Loopbench</Link>
          <Link href="/">Loops</Link>
          {/* A static page: prefetching it in the viewport would load its JavaScript (about 46 kB) on every page. */}
          <Link href="/model" prefetch={false}>Model</Link>
          <Link href="/lab">Kernel lab</Link>
          <Link href="/history">History</Link>
          <span className="spacer" />
          <ThemeToggle />
        </nav>
        <main id="main" className="shell" tabIndex={-1}>{children}</main>
        <HydrationMarker />
      </body>
    </html>
  );
}
