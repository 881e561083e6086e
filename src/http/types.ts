import type { IncomingMessage, ServerResponse } from 'node:http';

/** Typed against node:http so users need no particular @types/express version. */
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

export type ErrorMiddleware = (
  error: unknown,
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;
