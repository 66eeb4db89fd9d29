// Gives the runtime a turn to read its sockets. Local R2 runs inside the room's own workerd, and
// its work never waits on the network: while it has work queued, the event loop reads no socket,
// so a 25 MiB upload written back to back held every frame in the room, chat included, for up to
// 900 ms. Staging feeds R2 in slices and takes a turn between them (see staging.ts).

/** Resolves once the runtime has polled for I/O: a timer fires only after that poll. */
export function eventLoopTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
