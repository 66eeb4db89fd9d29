// Clock formatting for message rows: HH:MM:SS (24-hour) or hh:mm AM/PM (12-hour, the
// "12-hour clock" setting), in local time. Pure; the message log and its unit tests use it.

const two = (n: number): string => String(n).padStart(2, '0');

/** Formats the room time `at` (epoch ms) as `14:23:15`, or `02:23 PM` when `hour12`. */
export function formatTime(at: number, hour12: boolean): string {
  const date = new Date(at);
  const h = date.getHours();
  const m = two(date.getMinutes());
  if (!hour12) return `${two(h)}:${m}:${two(date.getSeconds())}`;
  return `${two(h % 12 === 0 ? 12 : h % 12)}:${m} ${h < 12 ? 'AM' : 'PM'}`;
}
