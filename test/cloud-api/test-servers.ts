/**
 * Local servers the transport tests talk to: a forward and CONNECT proxy that records what it is
 * asked, an HTTPS front for the emulator, and listening helpers that close every socket at the end.
 */
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { TOKEN } from '../engine/emulator-harness';

export interface ProxyLog {
  /** Absolute-URI request lines (forward proxying of http targets). */
  forwarded: Array<{ method: string; url: string; bearerForwarded: boolean }>;
  /** CONNECT targets (host:port). */
  connects: string[];
}

export interface Listening {
  server: net.Server;
  port: number;
  /** Open sockets (client connections and tunnels' origin sides), destroyed at the end. */
  sockets: Set<net.Socket>;
}

function track(sockets: Set<net.Socket>, socket: net.Socket): void {
  // Peers that reset or vanish are what some tests are about; the test's process must not fail on them.
  socket.on('error', () => {});
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
}

export async function listen(server: net.Server, sockets = new Set<net.Socket>()): Promise<Listening> {
  server.on('connection', (socket: net.Socket) => track(sockets, socket));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, port: (server.address() as AddressInfo).port, sockets };
}

export async function shut(l: Listening | undefined): Promise<void> {
  if (!l) return;
  for (const socket of l.sockets) socket.destroy();
  await new Promise((done) => l.server.close(done));
}

/** A forward proxy (absolute-URI requests) and CONNECT proxy in one, recording what it is asked. */
export function forwardProxy(log: ProxyLog, sockets: Set<net.Socket>): http.Server {
  const server = http.createServer((req, res) => {
    // Only whether the header arrived intact is kept, never its value.
    log.forwarded.push({ method: req.method ?? '', url: req.url ?? '', bearerForwarded: req.headers.authorization === `Bearer ${TOKEN}` });
    const target = new URL(req.url ?? '');
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    log.connects.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(/:(?=\d+$)/);
    const origin = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) origin.write(head);
      origin.pipe(client);
      client.pipe(origin);
    });
    track(sockets, origin);
    origin.on('error', () => client.destroy());
    client.on('error', () => origin.destroy());
  });
  return server;
}

/** An HTTPS server with `identity` that passes every request on to `target` (http), noting each in `seen`. */
export function httpsFront(identity: { keyPem: string; certPem: string }, target: URL, seen: string[]): https.Server {
  return https.createServer({ key: identity.keyPem, cert: identity.certPem }, (req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
}
