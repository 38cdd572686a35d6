import {
	connectivityStatus,
	instantFromEpochMillis,
	normalizeFleetIndexThing,
	normalizeIotConnectivity,
	normalizeManagedThingConnectivity,
} from '../../nodes/shared/connectivityRecord';

const now = new Date('2026-11-22T12:00:00.000Z');
const tenMinutesAgo = new Date('2026-11-22T11:50:00.000Z');

describe('normalizeIotConnectivity', () => {
	it('turns a connected response into the record', () => {
		const record = normalizeIotConnectivity(
			{ thingName: 'pump-1', connected: true, timestamp: tenMinutesAgo, disconnectReason: 'NONE', clientId: 'pump-1', keepAliveDuration: 60 },
			'pump-1',
			{ now },
		);
		expect(record).toEqual({
			source: 'iot',
			thingName: 'pump-1',
			connected: true,
			status: 'connected',
			disconnectReason: 'NONE',
			timestamp: '2026-11-22T11:50:00.000Z',
			secondsSinceChange: 600,
			observedAt: '2026-11-22T12:00:00.000Z',
			clientId: 'pump-1',
			keepAliveDuration: 60,
		});
	});

	it('keeps fractional seconds as milliseconds of the instant', () => {
		// 1763812345.678 s, as the SDK decodes it from the wire.
		const record = normalizeIotConnectivity({ connected: false, timestamp: new Date(1763812345678), disconnectReason: 'CONNECTION_LOST' }, 'a', { now });
		expect(record.timestamp).toBe('2025-11-22T11:52:25.678Z');
	});

	it('passes an unknown disconnect reason through verbatim', () => {
		const record = normalizeIotConnectivity({ connected: false, timestamp: tenMinutesAgo, disconnectReason: 'QUANTUM_DECOHERENCE' }, 'a', { now });
		expect(record.disconnectReason).toBe('QUANTUM_DECOHERENCE');
		expect(record.status).toBe('disconnected');
	});

	it('falls back to the requested thing name', () => {
		expect(normalizeIotConnectivity({ connected: false }, 'asked-for', { now }).thingName).toBe('asked-for');
	});

	it('adds the untouched response only when asked', () => {
		const response = { connected: true, timestamp: tenMinutesAgo };
		expect(normalizeIotConnectivity(response, 'a', { now })).not.toHaveProperty('raw');
		expect(normalizeIotConnectivity(response, 'a', { now, includeRaw: true }).raw).toBe(response);
	});

	it('never reports a negative age when the device clock is ahead', () => {
		const record = normalizeIotConnectivity({ connected: true, timestamp: new Date(now.getTime() + 5000) }, 'a', { now });
		expect(record.secondsSinceChange).toBe(0);
	});
});

describe('never connected', () => {
	it.each([
		['timestamp 0 and UNKNOWN', { connected: false, timestamp: new Date(0), disconnectReason: 'UNKNOWN' }],
		['nothing at all', { connected: false }],
		['no time, reason UNKNOWN', { connected: false, disconnectReason: 'UNKNOWN' }],
	])('%s is neverConnected with null time and age', (_label, response) => {
		const record = normalizeIotConnectivity(response, 'new-device', { now });
		expect(record.status).toBe('neverConnected');
		expect(record.timestamp).toBeNull();
		expect(record.secondsSinceChange).toBeNull();
	});

	it('a real reason without a time is an offline device, not a new one', () => {
		expect(connectivityStatus(false, null, 'AUTH_ERROR')).toBe('disconnected');
	});

	it('a real time with reason UNKNOWN was seen, so it is disconnected', () => {
		expect(connectivityStatus(false, instantFromEpochMillis(tenMinutesAgo.getTime()), 'UNKNOWN')).toBe('disconnected');
	});
});

describe('units: seconds from the Get APIs, milliseconds from the fleet index', () => {
	it('gives the same instant for the same moment from every source', () => {
		const momentMs = 1763812345678;
		const fromIot = normalizeIotConnectivity({ connected: false, timestamp: new Date(momentMs), disconnectReason: 'CONNECTION_LOST' }, 'a', { now });
		const fromManaged = normalizeManagedThingConnectivity({ Connected: false, Timestamp: new Date(momentMs), DisconnectReason: 'CONNECTION_LOST' }, 'm', { now });
		const fromIndex = normalizeFleetIndexThing({ thingName: 'a', connectivity: { connected: false, timestamp: momentMs, disconnectReason: 'CONNECTION_LOST' } }, { now });
		expect(new Set([fromIot.timestamp, fromManaged.timestamp, fromIndex.timestamp])).toEqual(new Set(['2025-11-22T11:52:25.678Z']));
	});

	it('fleet index things carry registry fields and session fields', () => {
		const record = normalizeFleetIndexThing(
			{
				thingName: 'valve-9',
				thingTypeName: 'valve',
				thingGroupNames: ['plant-7'],
				attributes: { site: 'north' },
				connectivity: { connected: true, timestamp: tenMinutesAgo.getTime(), keepAliveDuration: 30 },
			},
			{ now },
		);
		expect(record).toMatchObject({
			source: 'fleetIndex',
			thingName: 'valve-9',
			status: 'connected',
			disconnectReason: null,
			thingTypeName: 'valve',
			thingGroupNames: ['plant-7'],
			attributes: { site: 'north' },
			keepAliveDuration: 30,
			secondsSinceChange: 600,
		});
	});

	it('an index entry with no connectivity block is never connected', () => {
		expect(normalizeFleetIndexThing({ thingName: 'fresh' }, { now }).status).toBe('neverConnected');
	});

	it('managed things use managedThingId', () => {
		const record = normalizeManagedThingConnectivity({ ManagedThingId: 'mt-1', Connected: true, Timestamp: tenMinutesAgo }, 'mt-1', { now });
		expect(record).toMatchObject({ source: 'managedIntegrations', managedThingId: 'mt-1', status: 'connected' });
		expect(record).not.toHaveProperty('thingName');
	});
});
