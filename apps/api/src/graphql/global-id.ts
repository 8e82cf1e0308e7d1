import { isNodeType, type NodeType } from '@clinic/domain';

/**
 * Global ids are opaque to callers: base64url of "Type:uuid". Decoding checks the type, so a
 * patient id passed where an appointment id belongs is simply "not found".
 */
export function toGlobalId(type: NodeType, id: string): string {
  return Buffer.from(`${type}:${id}`).toString('base64url');
}

export function fromGlobalId(globalId: string): { type: NodeType; id: string } | null {
  if (globalId.length > 200) return null;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  const type = decoded.slice(0, separator);
  const id = decoded.slice(separator + 1);
  return separator > 0 && isNodeType(type) && id ? { type, id } : null;
}

/**
 * The uuid inside a global id of the expected type. Anything else becomes a value that matches
 * no row, so the domain answers NOT_FOUND exactly as for another tenant's id.
 */
export function idOf(type: NodeType, globalId: string): string {
  const decoded = fromGlobalId(globalId);
  return decoded && decoded.type === type ? decoded.id : 'not-an-id';
}

export function optionalIdOf(type: NodeType, globalId: string | null | undefined): string | undefined {
  return globalId == null ? undefined : idOf(type, globalId);
}
