// A third peer in JavaScript: @automerge/automerge-repo 2.x (the reference implementation)
// with its WebSocket client, as any automerge-repo program would join a ledger by its
// automerge: URL. Used to check that what the app writes and reads is the protocol's.

import { Repo } from '@automerge/automerge-repo';
import { WebSocketClientAdapter } from '@automerge/automerge-repo-network-websocket';
import * as Automerge from '@automerge/automerge';

export { Automerge };

export function jsPeer(serverUrl) {
  return new Repo({ network: [new WebSocketClientAdapter(serverUrl)], sharePolicy: async () => true });
}

export async function closePeer(repo) {
  await repo.shutdown?.();
}
