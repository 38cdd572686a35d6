import { readFileSync } from 'fs';

export type IndexStatus = 'ACTIVE' | 'BUILDING' | 'OFF';

/** An error to inject for one device: `times` failures, then success; absent = fail forever. */
export interface DeviceFault {
	errorType: string;
	times?: number;
}

export interface FleetSocket {
	sourceIp: string;
	sourcePort: number;
	targetIp: string;
	targetPort: number;
	vpcEndpointId?: string;
}

export interface FleetThing {
	thingName: string;
	thingTypeName?: string;
	thingGroupNames?: string[];
	attributes?: Record<string, string>;
	connected: boolean;
	/** Time of the last change in epoch seconds (fractional allowed; 0 is sent as 0). Exclusive with secondsAgo. */
	timestamp?: number;
	/** Time of the last change relative to simulator start, so demo data stays fresh. */
	secondsAgo?: number;
	/** Passed through verbatim, unknown future values included. */
	disconnectReason?: string;
	clientId?: string;
	keepAliveDuration?: number;
	cleanSession?: boolean;
	sessionExpiry?: number;
	/** Only returned when the caller asks with includeSocketInformation:true. */
	socket?: FleetSocket;
	/** Toggle connected every period (on the simulator clock); reason CONNECTION_LOST while down. */
	flapPeriodSeconds?: number;
	fault?: DeviceFault;
}

export interface FleetManagedThing {
	managedThingId: string;
	name?: string;
	connected: boolean;
	timestamp?: number;
	secondsAgo?: number;
	disconnectReason?: string;
	/** Default ACTIVATED. */
	provisioningStatus?: string;
	fault?: DeviceFault;
}

export interface FleetThingGroup {
	name: string;
	parent?: string;
}

export interface Fleet {
	/** Default ACTIVE. */
	indexStatus?: IndexStatus;
	things: FleetThing[];
	managedThings?: FleetManagedThing[];
	thingGroups?: FleetThingGroup[];
}

export const THING_NAME_PATTERN = /^[a-zA-Z0-9:_-]{1,128}$/;
export const MANAGED_THING_ID_PATTERN = /^[a-zA-Z0-9:_-]{1,64}$/;
const INDEX_STATUSES: readonly IndexStatus[] = ['ACTIVE', 'BUILDING', 'OFF'];

/** Reads and checks a fleet JSON file; errors name the offending entry. */
export function loadFleet(path: string): Fleet {
	let parsed: unknown;
	try {
		parsed = JSON.parse(readFileSync(path, 'utf8'));
	} catch (error) {
		throw new Error(`Cannot read fleet file ${path}: ${(error as Error).message}`);
	}
	return validateFleet(parsed, path);
}

/** Checks a fleet object's shape so bad demo/test data fails at startup, not mid-request. */
export function validateFleet(value: unknown, source = 'fleet'): Fleet {
	const fail = (message: string): never => {
		throw new Error(`Invalid ${source}: ${message}`);
	};
	if (!isRecord(value)) fail('expected a JSON object');
	const fleet = value as Record<string, unknown>;
	if (fleet.indexStatus !== undefined && !INDEX_STATUSES.includes(fleet.indexStatus as IndexStatus)) {
		fail(`indexStatus must be one of ${INDEX_STATUSES.join(', ')}`);
	}
	if (!Array.isArray(fleet.things)) fail('"things" must be an array');
	const seenThings = new Set<string>();
	(fleet.things as unknown[]).forEach((thing, index) => {
		const where = `things[${index}]`;
		if (!isRecord(thing)) return fail(`${where} must be an object`);
		if (typeof thing.thingName !== 'string' || !THING_NAME_PATTERN.test(thing.thingName)) {
			return fail(`${where}.thingName must be 1-128 characters of [a-zA-Z0-9:_-]`);
		}
		if (seenThings.has(thing.thingName)) return fail(`${where}: duplicate thingName ${thing.thingName}`);
		seenThings.add(thing.thingName);
		checkDeviceCommon(thing, `${where} (${thing.thingName})`, fail);
		if (thing.flapPeriodSeconds !== undefined && !(isFiniteNumber(thing.flapPeriodSeconds) && thing.flapPeriodSeconds > 0)) {
			fail(`${where}.flapPeriodSeconds must be a positive number`);
		}
		if (thing.thingGroupNames !== undefined && !isStringArray(thing.thingGroupNames)) {
			fail(`${where}.thingGroupNames must be an array of strings`);
		}
		if (thing.attributes !== undefined && !isStringRecord(thing.attributes)) {
			fail(`${where}.attributes must map strings to strings`);
		}
	});
	if (fleet.managedThings !== undefined) {
		if (!Array.isArray(fleet.managedThings)) fail('"managedThings" must be an array');
		const seenIds = new Set<string>();
		(fleet.managedThings as unknown[]).forEach((managed, index) => {
			const where = `managedThings[${index}]`;
			if (!isRecord(managed)) return fail(`${where} must be an object`);
			if (typeof managed.managedThingId !== 'string' || !MANAGED_THING_ID_PATTERN.test(managed.managedThingId)) {
				return fail(`${where}.managedThingId must be 1-64 characters of [a-zA-Z0-9:_-]`);
			}
			if (seenIds.has(managed.managedThingId)) return fail(`${where}: duplicate managedThingId`);
			seenIds.add(managed.managedThingId);
			checkDeviceCommon(managed, `${where} (${managed.managedThingId})`, fail);
		});
	}
	if (fleet.thingGroups !== undefined) {
		if (!Array.isArray(fleet.thingGroups)) fail('"thingGroups" must be an array');
		(fleet.thingGroups as unknown[]).forEach((group, index) => {
			if (!isRecord(group) || typeof group.name !== 'string' || (group.parent !== undefined && typeof group.parent !== 'string')) {
				fail(`thingGroups[${index}] must be {name: string, parent?: string}`);
			}
		});
	}
	return value as Fleet;
}

/**
 * Turns the "exactly one way" timestamp fields into absolute epoch seconds.
 * secondsAgo is measured from `nowMs` (the simulator start, or the moment of a patch).
 */
export function resolveTimestamp(device: { timestamp?: number; secondsAgo?: number }, nowMs: number): number | undefined {
	// Whole seconds of "now", so only a fractional secondsAgo yields a fractional timestamp.
	if (device.secondsAgo !== undefined) return Math.floor(nowMs / 1000) - device.secondsAgo;
	return device.timestamp;
}

function checkDeviceCommon(device: Record<string, unknown>, where: string, fail: (message: string) => never): void {
	if (typeof device.connected !== 'boolean') fail(`${where}.connected must be true or false`);
	if (device.timestamp !== undefined && device.secondsAgo !== undefined) {
		fail(`${where}: give either timestamp or secondsAgo, not both`);
	}
	if (device.timestamp !== undefined && !(isFiniteNumber(device.timestamp) && device.timestamp >= 0)) {
		fail(`${where}.timestamp must be epoch seconds (a number >= 0)`);
	}
	if (device.timestamp !== undefined && (device.timestamp as number) > 1e11) {
		// Epoch milliseconds by mistake would decode to a date tens of thousands of years ahead.
		fail(`${where}.timestamp looks like milliseconds; the fleet file uses epoch seconds`);
	}
	if (device.secondsAgo !== undefined && !(isFiniteNumber(device.secondsAgo) && device.secondsAgo >= 0)) {
		fail(`${where}.secondsAgo must be a number >= 0`);
	}
	if (device.disconnectReason !== undefined && typeof device.disconnectReason !== 'string') {
		fail(`${where}.disconnectReason must be a string`);
	}
	if (device.fault !== undefined) {
		const fault = device.fault;
		if (!isRecord(fault) || typeof fault.errorType !== 'string' || (fault.times !== undefined && !(isFiniteNumber(fault.times) && fault.times >= 0))) {
			fail(`${where}.fault must be {errorType: string, times?: number}`);
		}
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

function isStringArray(value: unknown): value is string[] {
	return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isStringRecord(value: unknown): value is Record<string, string> {
	return isRecord(value) && Object.values(value).every((item) => typeof item === 'string');
}
