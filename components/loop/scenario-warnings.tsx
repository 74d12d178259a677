type ScenarioError = { file: string; field: string; message: string };

/** Invalid scenario files are skipped, never silently: the author sees which file, field and fix. */
export function ScenarioWarnings({ errors }: { errors: ScenarioError[] }) {
  if (!errors.length) return null;
  const files = new Set(errors.map((e) => e.file));
  return (
    <div className="alert" role="alert">
      <strong>
        {files.size} scenario file{files.size > 1 ? "s were" : " was"} skipped because {files.size > 1 ? "they are" : "it is"} invalid.
      </strong>{" "}
      The other scenarios still work.
      <ul className="small">
        {errors.map((e, i) => (
          <li key={i}>
            <code>{e.file}</code> — <code>{e.field}</code>: {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
