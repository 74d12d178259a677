/**
 * A round's heading with the drawn scenario's title under it, on every page that names a round (loop,
 * debrief, history, compare): a loop's own round titles ("Coding screen", "ML coding") would otherwise
 * hide what was drawn. When the round title already ends with the scenario's title (the default
 * "<Kind>: <scenario title>") the line is not repeated.
 */
export function RoundHeading({
  id,
  level = 2,
  title,
  scenarioTitle,
  children,
  style,
}: {
  id?: string;
  level?: 1 | 2;
  title: React.ReactNode;
  scenarioTitle?: string | null;
  children?: React.ReactNode;
  style?: React.CSSProperties;
}) {
  const H = level === 1 ? "h1" : "h2";
  const text = typeof title === "string" ? title : "";
  const show = !!scenarioTitle && !(text && text.endsWith(scenarioTitle));
  return (
    <>
      <H id={id} style={{ marginTop: 0, marginBottom: show ? 2 : undefined, ...style }}>
        {title}
        {children}
      </H>
      {show && (
        <p className="round-scenario" data-testid="round-scenario">
          <span className="sr-only">Scenario: </span>
          {scenarioTitle}
        </p>
      )}
    </>
  );
}
