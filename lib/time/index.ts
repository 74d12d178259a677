export { formatDuration, formatTimeUsed } from "./format-duration";
