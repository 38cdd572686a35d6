/**
 * The one normalized connectivity record every node emits, and the only place that turns AWS
 * timestamps into instants. The three sources disagree on units: the two Get APIs send epoch
 * seconds (the SDK — and our Managed Integrations client — hand them over as a Date), the fleet
 * index sends epoch milliseconds as a plain number.
 */
import { DateTime } from 'luxon';

export type ConnectivitySource = 'iot' | 'managedIntegrations' | 'fleetIndex';

export type ConnectivityStatus = 'connected' | 'disconnected' | 'neverConnected';

/** Extra fields AWS may add; they pass through untouched when present. */
export interface SessionDetails {
	clientId?: string;
	keepAliveDuration?: number;
	cleanSession?: boolean;
	sessionExpiry?: number;
	sourceIp?: string;
	sourcePort?: number;
	targetIp?: string;
	targetPort?: number;
	vpcEndpointId?: string;
}

/** Registry fields the fleet index returns with each thing. */
export interface RegistryDetails {
	thingId?: string;
	thingTypeName?: string;
	thingGroupNames?: string[];
	attributes?: Record<string, string>;
}

export interface ConnectivityRecord extends SessionDetails, RegistryDetails {
	source: ConnectivitySource;
	thingName?: string;
	managedThingId?: string;
	connected: boolean;
	status: ConnectivityStatus;
	/** Exactly as AWS sent it — unknown future values included — or null. */
	disconnectReason: string | null;
	/** ISO-8601 UTC instant of the last connect/disconnect, or null when AWS sent none (or 0). */
	timestamp: string | null;
	/** Whole seconds from `timestamp` to `observedAt`, or null without a timestamp. */
	secondsSinceChange: number | null;
	/** When this record was taken (ISO-8601 UTC): the "now" of secondsSinceChange. */
	observedAt: string;
	/** The untouched response, only with the includeRawResponse option. */
	raw?: unknown;
}

/** What the IoT SDK returns for GetThingConnectivityData (timestamp already a Date). */
export interface IotConnectivityResponse extends SessionDetails {
	thingName?: string;
	connected?: boolean;
	timestamp?: Date;
	disconnectReason?: string;
}

/** What GetManagedThingConnectivityData returns once deserialized (Timestamp as a Date, as the SDK would). */
export interface ManagedThingConnectivityResponse {
	ManagedThingId?: string;
	Connected?: boolean;
	Timestamp?: Date;
	DisconnectReason?: string;
}

/** One `things[]` entry of SearchIndex; connectivity.timestamp is epoch milliseconds. */
export interface FleetIndexThing extends RegistryDetails {
	thingName?: string;
	connectivity?: SessionDetails & {
		connected?: boolean;
		timestamp?: number;
		disconnectReason?: string;
	};
	shadow?: string;
	deviceDefender?: string;
}

export interface NormalizeOptions {
	/**
	 * The instant the observation was made; injectable so tests and the trigger agree on "now".
	 * Default: when normalize runs, i.e. right after AWS's answer arrived.
	 */
	now?: Date;
	includeRaw?: boolean;
}

/** Reasons AWS uses when it has no disconnect to report (never connected, or no data). */
const NO_DISCONNECT_REASONS = new Set(['UNKNOWN', 'NONE']);

const SESSION_FIELDS: ReadonlyArray<keyof SessionDetails> = [
	'clientId',
	'keepAliveDuration',
	'cleanSession',
	'sessionExpiry',
	'sourceIp',
	'sourcePort',
	'targetIp',
	'targetPort',
	'vpcEndpointId',
];

const REGISTRY_FIELDS: ReadonlyArray<keyof RegistryDetails> = [
	'thingId',
	'thingTypeName',
	'thingGroupNames',
	'attributes',
];

/** A real instant, or null: absent, 0, NaN and pre-epoch values all mean "AWS has no time". */
export function instantFromEpochMillis(epochMillis: number | undefined | null): DateTime | null {
	if (epochMillis === undefined || epochMillis === null || !Number.isFinite(epochMillis) || epochMillis <= 0) {
		return null;
	}
	return DateTime.fromMillis(epochMillis, { zone: 'utc' });
}

export function instantFromDate(date: Date | undefined | null): DateTime | null {
	if (!date) return null;
	return instantFromEpochMillis(date.getTime());
}

/**
 * Never connected = not connected, no real timestamp, and no disconnect reason worth the name.
 * A thing that has a time or a real reason went offline; it is not "never seen".
 */
export function connectivityStatus(
	connected: boolean,
	lastChange: DateTime | null,
	disconnectReason: string | null,
): ConnectivityStatus {
	if (connected) return 'connected';
	const hasRealReason = disconnectReason !== null && !NO_DISCONNECT_REASONS.has(disconnectReason);
	if (lastChange === null && !hasRealReason) return 'neverConnected';
	return 'disconnected';
}

interface CoreObservation {
	source: ConnectivitySource;
	identity: Pick<ConnectivityRecord, 'thingName' | 'managedThingId'>;
	connected: boolean | undefined;
	lastChange: DateTime | null;
	disconnectReason: string | undefined | null;
}

function buildRecord(observation: CoreObservation, options: NormalizeOptions): ConnectivityRecord {
	const observedAt = DateTime.fromJSDate(options.now ?? new Date(), { zone: 'utc' });
	const connected = observation.connected === true;
	const disconnectReason = observation.disconnectReason ?? null;
	const { lastChange } = observation;
	return {
		source: observation.source,
		...observation.identity,
		connected,
		status: connectivityStatus(connected, lastChange, disconnectReason),
		disconnectReason,
		timestamp: lastChange ? toIsoUtc(lastChange) : null,
		// A device clock ahead of ours must not produce a negative age.
		secondsSinceChange: lastChange
			? Math.max(0, Math.floor(observedAt.diff(lastChange, 'seconds').seconds))
			: null,
		observedAt: toIsoUtc(observedAt),
	};
}

function toIsoUtc(instant: DateTime): string {
	return instant.toUTC().toISO({ suppressMilliseconds: false }) as string;
}

function copyPresent<T extends object>(target: ConnectivityRecord, from: T, fields: ReadonlyArray<keyof T>): void {
	for (const field of fields) {
		const value = from[field];
		if (value !== undefined && value !== null) {
			(target as unknown as Record<string, unknown>)[field as string] = value;
		}
	}
}

function withRaw(record: ConnectivityRecord, raw: unknown, options: NormalizeOptions): ConnectivityRecord {
	if (options.includeRaw) record.raw = raw;
	return record;
}

export function normalizeIotConnectivity(
	response: IotConnectivityResponse,
	requestedThingName: string,
	options: NormalizeOptions = {},
): ConnectivityRecord {
	const record = buildRecord(
		{
			source: 'iot',
			identity: { thingName: response.thingName ?? requestedThingName },
			connected: response.connected,
			lastChange: instantFromDate(response.timestamp),
			disconnectReason: response.disconnectReason,
		},
		options,
	);
	copyPresent(record, response, SESSION_FIELDS);
	return withRaw(record, response, options);
}

export function normalizeManagedThingConnectivity(
	response: ManagedThingConnectivityResponse,
	requestedIdentifier: string,
	options: NormalizeOptions = {},
): ConnectivityRecord {
	const record = buildRecord(
		{
			source: 'managedIntegrations',
			identity: { managedThingId: response.ManagedThingId ?? requestedIdentifier },
			connected: response.Connected,
			lastChange: instantFromDate(response.Timestamp),
			disconnectReason: response.DisconnectReason,
		},
		options,
	);
	return withRaw(record, response, options);
}

export function normalizeFleetIndexThing(thing: FleetIndexThing, options: NormalizeOptions = {}): ConnectivityRecord {
	const connectivity = thing.connectivity ?? {};
	const record = buildRecord(
		{
			source: 'fleetIndex',
			identity: { thingName: thing.thingName },
			connected: connectivity.connected,
			lastChange: instantFromEpochMillis(connectivity.timestamp),
			disconnectReason: connectivity.disconnectReason,
		},
		options,
	);
	copyPresent(record, connectivity, SESSION_FIELDS);
	copyPresent(record, thing, REGISTRY_FIELDS);
	return withRaw(record, thing, options);
}
