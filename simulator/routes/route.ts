import type { CredentialStore } from '../credentialStore';
import { SimulatedService, SimulatorError } from '../errors';
import type { FleetState } from '../fleetState';
import type { RoleDefinition } from '../options';
import type { VerifiedCaller } from '../sigv4Verify';
import type { SimulatorResponse } from '../wireResponses';

/** Everything a handler may read for one authenticated request. */
export interface RouteContext {
	/** Decoded path labels. */
	params: Record<string, string>;
	query: Record<string, string | string[]>;
	body: Buffer;
	caller: VerifiedCaller;
	requestId: string;
	/** Simulator clock (device state). */
	nowMs: number;
	region: string;
	state: FleetState;
	credentials: CredentialStore;
	roles: readonly RoleDefinition[];
}

export interface Route {
	/** AWS operation name, used in stats. */
	operation: string;
	method: string;
	/** Path template with {label} segments, e.g. /things/{thingName}/connectivity-data. */
	path: string;
	/** Signing name the credential scope must carry; also picks the error wire format. */
	service: SimulatedService;
	/** Data-plane calls share the rate limit and receive random faults; STS does not. */
	dataPlane: boolean;
	handle(context: RouteContext): SimulatorResponse;
}

export interface RouteMatch {
	route: Route;
	params: Record<string, string>;
}

/**
 * Finds the route for a method and raw path. Segments are matched while still encoded, so an
 * encoded '/' inside a label stays inside that label, then decoded.
 */
export function matchRoute(routes: readonly Route[], method: string, rawPath: string): RouteMatch | undefined {
	const segments = rawPath.split('/');
	for (const route of routes) {
		if (route.method !== method) continue;
		const template = route.path.split('/');
		if (template.length !== segments.length) continue;
		const params: Record<string, string> = {};
		const matched = template.every((part, index) => {
			const label = /^\{(\w+)\}$/.exec(part);
			if (label) {
				params[label[1]] = safeDecode(segments[index]);
				return true;
			}
			return part === segments[index];
		});
		if (matched) return { route, params };
	}
	return undefined;
}

/** First value of a query parameter. */
export function queryValue(query: Record<string, string | string[]>, name: string): string | undefined {
	const value = query[name];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * Reads an optional integer page size; `invalid` builds the service's validation error.
 */
export function pageSize(raw: unknown, fallback: number, max: number, name: string, invalid: (message: string) => SimulatorError): number {
	if (raw === undefined || raw === null) return fallback;
	const value = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
		throw invalid(`${name} must be an integer between 1 and ${max}; got ${String(raw)}.`);
	}
	return value;
}

/** Parses a JSON object body; an empty body counts as {}. */
export function jsonBody(body: Buffer, invalid: (message: string) => SimulatorError): Record<string, unknown> {
	const text = body.toString('utf8').trim();
	if (text === '') return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw invalid('The request body is not valid JSON.');
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid('The request body must be a JSON object.');
	return parsed as Record<string, unknown>;
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		// Left encoded: the '%' then fails the name pattern with a proper validation error.
		return segment;
	}
}
