import express, { Request } from 'express';

const RAW_BODY = Symbol('rawBody');

/** JSON body parsing that keeps the bytes as sent: a callback's signature is over those, not a re-encoding. */
export function jsonKeepingRawBody(): express.RequestHandler {
  return express.json({
    verify: (req, _res, buf) => {
      (req as unknown as Record<symbol, Buffer>)[RAW_BODY] = buf;
    },
  });
}

/** The request body as it arrived; empty when there was none. */
export function rawBodyOf(req: Request<any, any, any, any>): Buffer {
  return (
    (req as unknown as Record<symbol, Buffer | undefined>)[RAW_BODY] ??
    Buffer.alloc(0)
  );
}
