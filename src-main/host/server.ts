/**
 * The browser host: the same renderer and the same RPC router as the Electron window, for machines where
 * Electron cannot run (locked-down PCs, support). 127.0.0.1 only, a random token per launch, Host and Origin
 * checked, JSON bodies capped, server-sent events for progress.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sseWriter } from '../../src-shared/sse';
import { AppError } from '../../src-shared/errors';
import type { EventBus } from '../rpc/events';
import type { Router } from '../rpc/router';
import { SECURITY_HEADERS, contentTypeFor, hasValidToken, isAllowedHost, isAllowedOrigin, resolveStaticPath } from './security';

export const MAX_RPC_BODY_BYTES = 1024 * 1024;

export interface BrowserHostOptions {
  router: Router;
  events: EventBus;
  /** Folder of the built renderer (vite build output). */
  staticDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** For tests only; a launch normally draws a fresh one. */
  token?: string;
}

export interface BrowserHost {
  /** Address to open: the token travels in the fragment, which browsers never send to a server. */
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  let port = 0;
  const openStreams = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (!isAllowedHost(req.headers.host, port)) return sendError(res, 421, new AppError('forbidden', 'Adresse non autorisée.'));
    if (!isAllowedOrigin(req.headers.origin, port)) return sendError(res, 403, new AppError('forbidden', 'Origine non autorisée.'));
    const path = (req.url ?? '/').split('?')[0] ?? '/';

    if (path.startsWith('/rpc/')) return void handleRpc(req, res, path.slice('/rpc/'.length));
    if (path === '/events') return handleEvents(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, new AppError('bad-request', 'Méthode non autorisée.'));
    return serveStatic(res, path);
  });

  async function handleRpc(req: IncomingMessage, res: ServerResponse, rawName: string): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    if (req.method !== 'POST') return sendError(res, 405, new AppError('bad-request', 'Méthode non autorisée.'));
    if (!hasValidToken(req.headers.authorization, token)) return sendError(res, 401, new AppError('unauthorized', 'Jeton de session absent ou invalide : rouvrez Passerelle depuis l’adresse affichée au lancement.'));
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendError(res, 415, new AppError('bad-request', 'Le corps doit être du JSON.'));
    let input: unknown;
    try {
      const body = await readBody(req, MAX_RPC_BODY_BYTES);
      input = body.length === 0 ? {} : JSON.parse(body);
    } catch (err) {
      if (err instanceof AppError) {
        res.setHeader('Connection', 'close');
        return sendError(res, 413, err);
      }
      return sendError(res, 400, new AppError('bad-request', 'Le corps de la demande n’est pas du JSON valide.'));
    }
    let method: string;
    try {
      method = decodeURIComponent(rawName);
    } catch {
      method = '';
    }
    const result = await options.router.call(method, input);
    sendJson(res, 200, result);
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') return sendError(res, 405, new AppError('bad-request', 'Méthode non autorisée.'));
    if (!hasValidToken(req.headers.authorization, token)) return sendError(res, 401, new AppError('unauthorized'));
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': passerelle\n\n');
    openStreams.add(res);
    const sse = sseWriter((chunk) => res.write(chunk), { setInterval, clearInterval: (h) => clearInterval(h as NodeJS.Timeout) });
    const unsubscribe = options.events.subscribe((name, payload) => sse.send(name, payload));
    req.on('close', () => {
      sse.close();
      unsubscribe();
      openStreams.delete(res);
    });
  }

  function serveStatic(res: ServerResponse, urlPath: string): void {
    const file = resolveStaticPath(options.staticDir, urlPath);
    const fallback = resolveStaticPath(options.staticDir, '/index.html');
    for (const candidate of [file, fallback]) {
      if (!candidate) continue;
      try {
        const stat = statSync(candidate);
        if (!stat.isFile()) continue;
        res.writeHead(200, { 'Content-Type': contentTypeFor(candidate), 'Content-Length': stat.size, 'Cache-Control': 'no-cache' });
        createReadStream(candidate).pipe(res);
        return;
      } catch {
        // try the next candidate
      }
    }
    sendError(res, 404, new AppError('not-found', 'Interface introuvable : lancez « npm run build » ou « npm start ».'));
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    port,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const stream of openStreams) stream.end();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new AppError('payload-too-large'));
        chunks.length = 0;
        req.removeAllListeners('data');
        req.resume(); // drain and drop the rest, then answer 413
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, err: AppError): void {
  if (res.headersSent) return void res.end();
  sendJson(res, status, { ok: false, error: err.toShape() });
}
