import { InputError } from '@backstage/errors';

/** Where a page stopped: the last row's time and id (rows are ordered by time desc, id desc). */
export interface AuditPosition {
  time: Date;
  id: number;
}

/** Opaque to clients: base64url of `<epoch ms>:<id>`. */
export function encodeAuditCursor(position: AuditPosition): string {
  return Buffer.from(`${position.time.getTime()}:${position.id}`).toString(
    'base64url',
  );
}

export function decodeAuditCursor(cursor: string): AuditPosition {
  const match = /^(\d{1,15}):(\d{1,15})$/.exec(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  );
  if (!match) {
    throw new InputError(
      `Invalid cursor '${cursor.slice(
        0,
        100,
      )}'; pass the nextCursor of a previous page`,
    );
  }
  return { time: new Date(Number(match[1])), id: Number(match[2]) };
}
