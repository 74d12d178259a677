import ReactMarkdown from "react-markdown";

/**
 * Scenario text and candidate answers as Markdown. react-markdown builds React elements and ignores
 * raw HTML (no rehype-raw), and its default URL filter drops javascript: links, so nothing executes.
 */
export function Markdown({ children }: { children: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown skipHtml>{children}</ReactMarkdown>
    </div>
  );
}
