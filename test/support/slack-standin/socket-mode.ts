import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';

export const SOCKET_MODE_PATH = '/socket-mode';

export interface SocketModeAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

/** Slack's side of Socket Mode: hands out the WebSocket URL, says hello, delivers envelopes, collects acks. */
export class SocketModeHub {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly pending = new Map<string, (ack: SocketModeAck) => void>();

  constructor(server: Server) {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!request.url?.startsWith(SOCKET_MODE_PATH)) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
    });
  }

  get connections(): number {
    return this.sockets.size;
  }

  /** Sends one envelope (slash_commands, interactive, events_api) and resolves with the app's ack. */
  deliver(type: string, payload: Record<string, unknown>, timeoutMs = 5000): Promise<SocketModeAck> {
    const [socket] = this.sockets;
    if (!socket) return Promise.reject(new Error('no Socket Mode connection'));
    const envelopeId = randomUUID();
    return new Promise<SocketModeAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`no ack for envelope ${envelopeId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== 'events_api',
          retry_attempt: 0,
          retry_reason: '',
        }),
      );
    });
  }

  close(): void {
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data) => {
      let ack: unknown;
      try {
        ack = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (typeof ack === 'object' && ack !== null && 'envelope_id' in ack) {
        const typed = ack as SocketModeAck;
        this.pending.get(typed.envelope_id)?.(typed);
        this.pending.delete(typed.envelope_id);
      }
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.size,
        debug_info: { host: 'standin', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A0STANDIN' },
      }),
    );
  }
}
