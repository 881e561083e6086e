import type { IncomingMessage, Server, ServerResponse } from 'node:http';

const EXPECTS_CONTINUE = Symbol.for('oss-preflight.expects-continue');

/**
 * Routes `Expect: 100-continue` requests through the normal handler without
 * sending 100 Continue first, so a request the pre-flight rejects is refused
 * before the client sends a single body byte. The forwarder sends 100 Continue
 * once the request is accepted.
 */
export function handleExpectContinue(
  server: Server,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): void {
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    (req as IncomingMessage & { [EXPECTS_CONTINUE]?: boolean })[EXPECTS_CONTINUE] = true;
    handler(req, res);
  });
}

export function expectsContinue(req: IncomingMessage): boolean {
  return (req as IncomingMessage & { [EXPECTS_CONTINUE]?: boolean })[EXPECTS_CONTINUE] === true;
}
