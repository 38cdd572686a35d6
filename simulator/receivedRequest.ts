import type { IncomingMessage } from 'http';
import { SimulatorError } from './errors';
import type { ReceivedRequest } from './sigv4Verify';

const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the whole request into the shape the verifier and handlers need; the path stays encoded. */
export async function readReceivedRequest(message: IncomingMessage): Promise<ReceivedRequest> {
	const url = message.url ?? '/';
	const queryStart = url.indexOf('?');
	const rawPath = queryStart < 0 ? url : url.slice(0, queryStart);
	const query = parseQuery(queryStart < 0 ? '' : url.slice(queryStart + 1));
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(message.headers)) {
		if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
	}
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of message) {
		const buffer = chunk as Buffer;
		size += buffer.length;
		if (size > MAX_BODY_BYTES) throw new SimulatorError('InvalidRequestException', 413, 'Request body too large.');
		chunks.push(buffer);
	}
	return { method: message.method ?? 'GET', rawPath, query, headers, body: Buffer.concat(chunks) };
}

/**
 * Decodes a query string the way SigV4 sees it: '+' stays a plus (the SDK sends spaces as %20),
 * a repeated key becomes an array.
 */
export function parseQuery(text: string): Record<string, string | string[]> {
	// No prototype, so a key named __proto__ is just a key.
	const query: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
	for (const pair of text.split('&')) {
		if (pair === '') continue;
		const equals = pair.indexOf('=');
		const key = decodeQueryPart(equals < 0 ? pair : pair.slice(0, equals));
		const value = decodeQueryPart(equals < 0 ? '' : pair.slice(equals + 1));
		const existing = query[key];
		if (existing === undefined) query[key] = value;
		else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	return query;
}

function decodeQueryPart(part: string): string {
	try {
		return decodeURIComponent(part);
	} catch {
		throw new SimulatorError('InvalidRequestException', 400, `Malformed percent-encoding in query string: '${part}'.`);
	}
}
