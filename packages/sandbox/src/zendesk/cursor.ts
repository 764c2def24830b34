/**
 * Opaque cursors: a position (time, id) in a table's time order, base64url-encoded with the
 * stream's name so a tickets cursor is refused by the users export. A position survives mutations:
 * a changed record takes a later time and so reappears after any cursor handed out before.
 */
export interface Position {
  time: number;
  id: number;
}

export function encodeCursor(stream: string, position: Position): string {
  return Buffer.from(`${stream}|${position.time}|${position.id}`).toString('base64url');
}

export function decodeCursor(stream: string, cursor: string): Position | null {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (parts.length !== 3 || parts[0] !== stream) return null;
  const time = Number(parts[1]);
  const id = Number(parts[2]);
  if (!Number.isSafeInteger(time) || !Number.isSafeInteger(id)) return null;
  return { time, id };
}
