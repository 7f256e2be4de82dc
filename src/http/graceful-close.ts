// Closing an HTTP server without dropping requests. Node's server.close() stops listening but
// also destroys every connection that has no request in progress, including one that was
// accepted a moment ago and whose request is still on its way: that client gets a connection
// reset. Here, as Go's http.Server.Shutdown does, a connection that has not sent its first
// request yet gets a moment to send it; idle keep-alive connections close at once; requests in
// progress are answered with `Connection: close`; and whatever is left at the deadline (a
// request body that stops halfway, a client that never reads) is cut off.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

// How long a connection accepted before the shutdown may take to send its first request (Go's
// http.Server allows the same), within the deadline.
const FIRST_REQUEST_GRACE_MS = 5_000;
// The longest a shutdown goes on accepting the connections that were already waiting, and how
// long and for how many turns of the event loop none must arrive before it stops.
const ACCEPT_WAITING_MS = 1_000;
const QUIET_MS = 100;
const QUIET_TURNS = 3;

interface ConnectionState {
  /** Responses sent on this connection: none means it is new, its first request may be coming. */
  served: number;
  inProgress: number;
}

export type CloseGracefully = (deadline: number) => Promise<void>;

/** Starts tracking `server`'s connections; call the result to close it. */
export function trackConnections(server: Server): CloseGracefully {
  const connections = new Map<Socket, ConnectionState>();
  const responses = new Set<ServerResponse>();
  let closing = false;
  let accepted = 0;

  server.on('connection', (socket: Socket) => {
    accepted += 1;
    connections.set(socket, { served: 0, inProgress: 0 });
    socket.once('close', () => connections.delete(socket));
  });
  // Before the application's listener, so that it sees `closing` before it answers.
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    const state = connections.get(request.socket);
    if (state) state.inProgress += 1;
    responses.add(response);
    if (closing) response.shouldKeepAlive = false;
    response.once('close', () => {
      responses.delete(response);
      if (!state) return;
      state.inProgress -= 1;
      state.served += 1;
      // Answered with keep-alive before the shutdown began: nothing more will come on it.
      if (closing && state.inProgress === 0) request.socket.end();
    });
  });

  return async (deadline) => {
    closing = true;
    await acceptWaitingConnections(() => accepted, Math.min(deadline, Date.now() + ACCEPT_WAITING_MS));
    const closed = new Promise<void>((resolve) => {
      // Stops listening; the connections are handled here instead of by http.Server#close.
      NetServer.prototype.close.call(server, () => resolve());
    });
    for (const response of responses) if (!response.headersSent) response.shouldKeepAlive = false;
    for (const [socket, state] of connections) if (state.inProgress === 0 && state.served > 0) socket.end();

    const newcomersLeft = setTimeout(() => {
      for (const [socket, state] of connections) if (state.inProgress === 0) socket.destroy();
    }, Math.min(FIRST_REQUEST_GRACE_MS, Math.max(0, deadline - Date.now())));
    const deadlinePassed = setTimeout(() => {
      for (const socket of connections.keys()) socket.destroy();
    }, Math.max(0, deadline - Date.now()));
    try {
      await closed;
    } finally {
      clearTimeout(newcomersLeft);
      clearTimeout(deadlinePassed);
    }
  };
}

/**
 * Connections the kernel completed before the shutdown wait in the listen queue until Node
 * accepts them, and closing the listener would reset them. A busy event loop accepts them a
 * few at a time, one turn after another, so this keeps taking turns until several in a row, over
 * a moment, have accepted nothing.
 */
async function acceptWaitingConnections(accepted: () => number, until: number): Promise<void> {
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
  let quietTurns = 0;
  let quietSince = Date.now();
  while (Date.now() < until && (quietTurns < QUIET_TURNS || Date.now() - quietSince < QUIET_MS)) {
    const before = accepted();
    await nextTurn();
    if (accepted() === before) {
      quietTurns += 1;
    } else {
      quietTurns = 0;
      quietSince = Date.now();
    }
  }
}
