import { createHash } from 'crypto';

/**
 * Opaque nextToken: the offset plus a hash of the request that produced it, so a token can't be
 * replayed against a different query (AWS refuses that too).
 */
export function encodePageToken(offset: number, scope: string): string {
	return Buffer.from(JSON.stringify({ o: offset, h: scopeHash(scope) }), 'utf8').toString('base64url');
}

/** The offset a token stands for, or undefined if it is malformed or from another query. */
export function decodePageToken(token: string, scope: string): number | undefined {
	try {
		const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
		if (typeof parsed !== 'object' || parsed === null) return undefined;
		const { o, h } = parsed as { o?: unknown; h?: unknown };
		if (typeof o !== 'number' || !Number.isInteger(o) || o < 0 || h !== scopeHash(scope)) return undefined;
		return o;
	} catch {
		return undefined;
	}
}

function scopeHash(scope: string): string {
	return createHash('sha256').update(scope).digest('hex').slice(0, 16);
}

/** Slices one page and the token for the next, if any. */
export function paginate<T>(items: readonly T[], offset: number, pageSize: number, scope: string): { page: T[]; nextToken?: string } {
	const end = offset + pageSize;
	return { page: items.slice(offset, end), nextToken: end < items.length ? encodePageToken(end, scope) : undefined };
}
