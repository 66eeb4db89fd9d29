// The one RoomDirectory of a deployment (idFromName('directory')), for the worker's routes and the
// rooms that report to it.

import type { RoomDirectory } from './room-directory';

export const DIRECTORY_NAME = 'directory';

export function directoryOf(env: Pick<Env, 'ROOM_DIRECTORY'>): DurableObjectStub<RoomDirectory> {
  return env.ROOM_DIRECTORY.get(env.ROOM_DIRECTORY.idFromName(DIRECTORY_NAME));
}
