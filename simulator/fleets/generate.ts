import type { Fleet, FleetManagedThing, FleetThing, FleetThingGroup } from '../fleet';
import { seededRandom } from '../seededRandom';

/** Disconnect reasons AWS IoT documents for a thing that is offline (UNKNOWN and NONE aside). */
export const DISCONNECT_REASONS: readonly string[] = [
	'AUTH_ERROR',
	'CLIENT_INITIATED_DISCONNECT',
	'CLIENT_ERROR',
	'CONNECTION_LOST',
	'DUPLICATE_CLIENTID',
	'FORBIDDEN_ACCESS',
	'MQTT_KEEP_ALIVE_TIMEOUT',
	'SERVER_ERROR',
	'SERVER_INITIATED_DISCONNECT',
	'API_INITIATED_DISCONNECT',
	'THROTTLED',
	'WEBSOCKET_TTL_EXPIRATION',
	'CUSTOMAUTH_TTL_EXPIRATION',
];

export interface GenerateFleetOptions {
	/** Same seed, same fleet (timestamps are relative, so they stay fresh). Default 1. */
	seed?: number;
	/** Managed Integrations devices to add; default one per ten things, rounded up. */
	managedThings?: number;
	/** Things per site group; default 100. */
	thingsPerSite?: number;
}

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * A deterministic fleet for benchmarks and tests. Every block of 20 things holds 16 connected,
 * 3 disconnected (cycling through every reason) and 1 never connected (alternately timestamp 0 with
 * UNKNOWN, and no data at all), so counts are predictable: connected = 16/20 of full blocks.
 * Sites (`site-00`, …) hold the things; sites belong to `region-east` / `region-west` under `fleet-all`.
 */
export function generateFleet(count: number, options: GenerateFleetOptions = {}): Fleet {
	if (!Number.isInteger(count) || count < 0) throw new Error(`generateFleet: count must be a non-negative integer, got ${count}`);
	const random = seededRandom(options.seed ?? 1);
	const perSite = options.thingsPerSite ?? 100;
	const width = Math.max(5, String(count).length);
	const things: FleetThing[] = [];
	let disconnectedSoFar = 0;
	let neverSoFar = 0;

	for (let index = 0; index < count; index += 1) {
		const thingName = `sim-thing-${String(index + 1).padStart(width, '0')}`;
		const site = siteName(Math.floor(index / perSite));
		const gateway = index % 10 === 0;
		const thing: FleetThing = {
			thingName,
			thingTypeName: gateway ? 'gateway' : 'sensor',
			thingGroupNames: [site],
			attributes: { site, model: gateway ? 'gw-100' : 'sensor-v2' },
			connected: false,
		};
		const slot = index % 20;
		if (slot < 16) {
			thing.connected = true;
			// Some timestamps keep a fractional part, as AWS sends them.
			thing.secondsAgo = slot % 7 === 0 ? round3(60 + random() * 7 * DAY) : Math.round(60 + random() * 7 * DAY);
			thing.clientId = thingName;
			thing.keepAliveDuration = 60;
			thing.cleanSession = true;
		} else if (slot < 19) {
			thing.disconnectReason = DISCONNECT_REASONS[disconnectedSoFar % DISCONNECT_REASONS.length];
			thing.secondsAgo = Math.round(30 + random() * 30 * DAY);
			thing.clientId = thingName;
			disconnectedSoFar += 1;
		} else {
			if (neverSoFar % 2 === 0) {
				thing.timestamp = 0;
				thing.disconnectReason = 'UNKNOWN';
			}
			neverSoFar += 1;
		}
		things.push(thing);
	}

	const siteCount = Math.ceil(count / perSite);
	const thingGroups: FleetThingGroup[] = [
		{ name: 'fleet-all' },
		{ name: 'region-east', parent: 'fleet-all' },
		{ name: 'region-west', parent: 'fleet-all' },
	];
	for (let site = 0; site < siteCount; site += 1) {
		thingGroups.push({ name: siteName(site), parent: site % 2 === 0 ? 'region-east' : 'region-west' });
	}

	const managedCount = options.managedThings ?? Math.ceil(count / 10);
	const managedReasons = DISCONNECT_REASONS.filter((reason) => reason !== 'API_INITIATED_DISCONNECT');
	const managedThings: FleetManagedThing[] = [];
	for (let index = 0; index < managedCount; index += 1) {
		const slot = index % 10;
		const managed: FleetManagedThing = {
			managedThingId: `sim-managed-${String(index + 1).padStart(width, '0')}`,
			name: `Simulated managed device ${index + 1}`,
			connected: slot < 7,
		};
		if (slot < 7) managed.secondsAgo = Math.round(60 + random() * 3 * DAY);
		else if (slot < 9) {
			managed.disconnectReason = managedReasons[index % managedReasons.length];
			managed.secondsAgo = Math.round(HOUR + random() * 10 * DAY);
		}
		managedThings.push(managed);
	}

	return { indexStatus: 'ACTIVE', things, managedThings, thingGroups };
}

function siteName(site: number): string {
	return `site-${String(site).padStart(2, '0')}`;
}

function round3(value: number): number {
	return Math.round(value * 1000) / 1000;
}
