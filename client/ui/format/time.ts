// Clock formatting for message rows: HH:MM:SS (24-hour) or hh:mm:ss AM/PM, in local time.
// Pure; the message log and its unit tests use it.

const two = (n: number): string => String(n).padStart(2, '0');

/** Formats the room time `at` (epoch ms) as `14:23:15`, or `02:23:15 PM` when `hour12`. */
export function formatTime(at: number, hour12: boolean): string {
  const date = new Date(at);
  const h = date.getHours();
  const rest = `${two(date.getMinutes())}:${two(date.getSeconds())}`;
  if (!hour12) return `${two(h)}:${rest}`;
  return `${two(h % 12 === 0 ? 12 : h % 12)}:${rest} ${h < 12 ? 'AM' : 'PM'}`;
}
