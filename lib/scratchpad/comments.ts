/**
 * The prose of a Python scratchpad: its `#` comments and the docstrings standing as statements,
 * as paragraphs (consecutive comment lines form one). The assumption grader reads them beside the
 * assumptions box, so "# ignore failures during restarts" counts as stating that assumption.
 * A small scanner rather than a parser: it only needs to know when a `#` sits inside a string.
 */
export function pythonComments(code: string): string {
  const paragraphs: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) paragraphs.push(current.join(" "));
    current = [];
  };
  const lines = code.replace(/\r\n?/g, "\n").split("\n");
  let inTriple: { quote: string; doc: boolean } | null = null;
  for (const line of lines) {
    let i = 0;
    let comment: string | null = null;
    let hadCode = false;
    if (inTriple) {
      const end = line.indexOf(inTriple.quote);
      const body = end === -1 ? line : line.slice(0, end);
      if (inTriple.doc && body.trim()) current.push(body.trim());
      if (end === -1) continue;
      if (inTriple.doc) flush();
      i = end + 3;
      inTriple = null;
    }
    let quote: string | null = null;
    for (; i < line.length; i++) {
      const c = line[i];
      if (quote) {
        if (c === "\\") i++;
        else if (c === quote) quote = null;
        continue;
      }
      if (c === "#") {
        comment = line.slice(i + 1).trim();
        break;
      }
      if (c === '"' || c === "'") {
        const triple = line.slice(i, i + 3) === c.repeat(3);
        if (triple) {
          const doc = !line.slice(0, i).trim() || /^[rRuUbBfF]{1,2}$/.test(line.slice(0, i).trim());
          const end = line.indexOf(c.repeat(3), i + 3);
          const body = line.slice(i + 3, end === -1 ? undefined : end);
          if (doc) {
            flush();
            if (body.trim()) current.push(body.trim());
          } else hadCode = true;
          if (end === -1) {
            inTriple = { quote: c.repeat(3), doc };
            break;
          }
          if (doc) flush();
          i = end + 2;
          continue;
        }
        quote = c;
        hadCode = true;
        continue;
      }
      if (!/\s/.test(c)) hadCode = true;
    }
    if (inTriple) continue;
    if (comment !== null && comment.replace(/[#\-=*_\s]/g, "")) {
      // A comment after code on the same line is a paragraph of its own.
      if (hadCode) {
        flush();
        current.push(comment);
        flush();
      } else current.push(comment);
    } else flush();
  }
  flush();
  return paragraphs.join("\n\n");
}
