// A small HTML page for a room path the worker refuses: why (a bad room name, 400; no such room,
// 404) and a link to the room directory. No script and no inline style, within the page CSP.

import { ROOM_ERRORS, type RoomErrorCode } from '../protocol/room-address';

const TITLES: Partial<Record<RoomErrorCode, string>> = {
  bad_room_name: 'Not a room name',
  unknown_room: 'No such room',
};

export function roomErrorPage(code: RoomErrorCode, status: 400 | 404): Response {
  const title = TITLES[code] ?? 'Room unavailable';
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ChatSpace</title></head>
<body>
<main>
<h1>${title}</h1>
<p>${escapeHtml(ROOM_ERRORS[code])}</p>
<p><a href="/">See the room directory</a></p>
</main>
</body>
</html>
`;
  return new Response(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
