import {
	GetIndexingConfigurationCommand,
	GetThingConnectivityDataCommand,
	IndexNotReadyException,
	InternalFailureException,
	InvalidQueryException,
	InvalidRequestException,
	IoTClient,
	ListThingsCommand,
	ListThingsInThingGroupCommand,
	paginateListThings,
	paginateListThingsInThingGroup,
	ResourceNotFoundException,
	SearchIndexCommand,
	ThingDocument,
} from '@aws-sdk/client-iot';
import { Fleet, generateFleet, RunningSimulator, startSimulator } from '../../simulator';
import { failure, iotClient } from './helpers';

const NOW_MS = Date.UTC(2026, 4, 1, 12, 0, 0);
const bulk = generateFleet(230, { seed: 7, managedThings: 0 });

const fleet: Fleet = {
	thingGroups: [{ name: 'region-emea' }, { name: 'plant-7', parent: 'region-emea' }, { name: 'plant-9', parent: 'region-emea' }, ...(bulk.thingGroups ?? [])],
	things: [
		{ thingName: 'sensor-frac', thingGroupNames: ['plant-7'], connected: true, timestamp: 1767225600.123, clientId: 'sensor-frac', keepAliveDuration: 60 },
		{ thingName: 'sensor-relative', thingGroupNames: ['plant-7'], connected: true, secondsAgo: 90 },
		{ thingName: 'sensor-quantum', thingGroupNames: ['plant-9'], connected: false, timestamp: 1767225000, disconnectReason: 'QUANTUM_DECOHERENCE' },
		{ thingName: 'sensor-never', thingGroupNames: ['plant-9'], connected: false },
		{ thingName: 'sensor-never-zero', connected: false, timestamp: 0, disconnectReason: 'UNKNOWN' },
		{ thingName: 'line:7_press-01', thingTypeName: 'press', attributes: { line: '7' }, connected: false, timestamp: 1767000000, disconnectReason: 'AUTH_ERROR' },
		{
			thingName: 'sensor-socket',
			connected: true,
			timestamp: 1767225601,
			socket: { sourceIp: '198.51.100.7', sourcePort: 50000, targetIp: '203.0.113.1', targetPort: 8883 },
		},
		{ thingName: 'sensor-flaky', connected: true, timestamp: 1767225602, fault: { errorType: 'InternalFailureException', times: 2 } },
		{ thingName: 'sensor-flap', connected: true, flapPeriodSeconds: 60 },
		...bulk.things,
	],
};

describe('AWS IoT routes through the real @aws-sdk/client-iot', () => {
	let sim: RunningSimulator;
	let iot: IoTClient;
	let clock = NOW_MS;

	beforeAll(async () => {
		sim = await startSimulator({ fleet, now: () => clock });
		iot = iotClient(sim);
	});
	afterAll(async () => {
		iot.destroy();
		await sim.stop();
	});
	beforeEach(() => {
		clock = NOW_MS;
		sim.setIndexStatus('ACTIVE');
	});

	describe('GetThingConnectivityData', () => {
		it('decodes a fractional epoch-seconds timestamp to the exact Date', async () => {
			const answer = await iot.send(new GetThingConnectivityDataCommand({ thingName: 'sensor-frac' }));
			expect(answer.connected).toBe(true);
			expect(answer.timestamp).toEqual(new Date(1767225600123));
			expect(answer.clientId).toBe('sensor-frac');
			expect(answer.keepAliveDuration).toBe(60);
			expect(answer.disconnectReason).toBeUndefined();
		});

		it('resolves secondsAgo against the simulator clock at start', async () => {
			const answer = await iot.send(new GetThingConnectivityDataCommand({ thingName: 'sensor-relative' }));
			expect(answer.timestamp).toEqual(new Date(NOW_MS - 90_000));
		});

		it('passes an unknown disconnect reason through verbatim', async () => {
			const answer = await iot.send(new GetThingConnectivityDataCommand({ thingName: 'sensor-quantum' }));
			expect(answer).toMatchObject({ connected: false, disconnectReason: 'QUANTUM_DECOHERENCE' });
		});

		it('reports never-connected things without inventing data', async () => {
			const none = await iot.send(new GetThingConnectivityDataCommand({ thingName: 'sensor-never' }));
			expect(none.connected).toBe(false);
			expect(none.timestamp).toBeUndefined();
			expect(none.disconnectReason).toBeUndefined();
			const zero = await iot.send(new GetThingConnectivityDataCommand({ thingName: 'sensor-never-zero' }));
			expect(zero.timestamp).toEqual(new Date(0));
			expect(zero.disconnectReason).toBe('UNKNOWN');
		});

		it('handles names the SDK percent-encodes in the path (signature still verifies)', async () => {
			const answer = await iot.send(new GetThingConnectivityDataCommand({ thingName: 'line:7_press-01' }));
			expect(answer).toMatchObject({ thingName: 'line:7_press-01', disconnectReason: 'AUTH_ERROR' });
		});

		it('returns socket fields only when includeSocketInformation is true', async () => {
			const without = await iot.send(new GetThingConnectivityDataCommand({ thingName: 'sensor-socket' }));
			expect(without.sourceIp).toBeUndefined();
			const withSocket = await iot.send(new GetThingConnectivityDataCommand({ thingName: 'sensor-socket', includeSocketInformation: true }));
			expect(withSocket).toMatchObject({ sourceIp: '198.51.100.7', sourcePort: 50000, targetIp: '203.0.113.1', targetPort: 8883 });
		});

		it('raises the SDK named exceptions with the right HTTP status', async () => {
			const missing = await failure(iot.send(new GetThingConnectivityDataCommand({ thingName: 'no-such-thing' })));
			expect(missing).toBeInstanceOf(ResourceNotFoundException);
			expect(missing.$metadata?.httpStatusCode).toBe(404);

			const badName = await failure(iot.send(new GetThingConnectivityDataCommand({ thingName: 'bad name!' })));
			expect(badName).toBeInstanceOf(InvalidRequestException);
			expect(badName.$metadata?.httpStatusCode).toBe(400);

			sim.setIndexStatus('BUILDING');
			const building = await failure(iot.send(new GetThingConnectivityDataCommand({ thingName: 'sensor-frac' })));
			expect(building).toBeInstanceOf(IndexNotReadyException);
			expect(building.$metadata?.httpStatusCode).toBe(400);

			sim.setIndexStatus('OFF');
			const off = await failure(iot.send(new GetThingConnectivityDataCommand({ thingName: 'sensor-frac' })));
			expect(off).toBeInstanceOf(InvalidRequestException);
			expect(off.message).toMatch(/connectivity indexing is not enabled/i);
		});

		it('injects a per-thing fault `times` times, then succeeds (SDK retries it)', async () => {
			const retrying = iotClient(sim, { maxAttempts: 3, retryStrategy: undefined });
			try {
				const before = sim.stats.faultsInjected;
				const answer = await retrying.send(new GetThingConnectivityDataCommand({ thingName: 'sensor-flaky' }));
				expect(answer.connected).toBe(true);
				expect(answer.$metadata.attempts).toBe(3);
				expect(sim.stats.faultsInjected - before).toBe(2);
			} finally {
				retrying.destroy();
			}
		});

		it('surfaces an injected per-thing fault as the named exception', async () => {
			sim.setThing('sensor-flaky', { fault: { errorType: 'InternalFailureException', times: 1 } });
			const error = await failure(iot.send(new GetThingConnectivityDataCommand({ thingName: 'sensor-flaky' })));
			expect(error).toBeInstanceOf(InternalFailureException);
			expect(error.$metadata?.httpStatusCode).toBe(500);
		});

		it('flaps on period boundaries of the simulator clock', async () => {
			const base = Math.floor(NOW_MS / 120_000) * 120_000; // an even period index: "up" phase
			clock = base + 5_000;
			const up = await iot.send(new GetThingConnectivityDataCommand({ thingName: 'sensor-flap' }));
			expect(up).toMatchObject({ connected: true, timestamp: new Date(base) });
			clock = base + 65_000;
			const down = await iot.send(new GetThingConnectivityDataCommand({ thingName: 'sensor-flap' }));
			expect(down).toMatchObject({ connected: false, disconnectReason: 'CONNECTION_LOST', timestamp: new Date(base + 60_000) });
		});

		it('setThing changes what the API reports and stamps the change', async () => {
			sim.setThing('sensor-relative', { connected: false, disconnectReason: 'MQTT_KEEP_ALIVE_TIMEOUT' });
			const down = await iot.send(new GetThingConnectivityDataCommand({ thingName: 'sensor-relative' }));
			expect(down).toMatchObject({ connected: false, disconnectReason: 'MQTT_KEEP_ALIVE_TIMEOUT', timestamp: new Date(NOW_MS) });
			sim.setThing('sensor-relative', { connected: true, secondsAgo: 5 });
			const up = await iot.send(new GetThingConnectivityDataCommand({ thingName: 'sensor-relative' }));
			expect(up.connected).toBe(true);
			expect(up.disconnectReason).toBeUndefined();
			expect(up.timestamp).toEqual(new Date(NOW_MS - 5000));
			sim.setThing('brand-new', { connected: true, timestamp: 1767225700 });
			const created = await iot.send(new GetThingConnectivityDataCommand({ thingName: 'brand-new' }));
			expect(created.timestamp).toEqual(new Date(1767225700000));
		});
	});

	describe('SearchIndex', () => {
		it('returns connectivity timestamps in epoch milliseconds', async () => {
			const answer = await iot.send(new SearchIndexCommand({ queryString: 'thingName:sensor-frac OR thingName:sensor-quantum' }));
			const byName = new Map((answer.things ?? []).map((thing) => [thing.thingName, thing]));
			expect(byName.get('sensor-frac')?.connectivity).toEqual({ connected: true, timestamp: 1767225600123 });
			expect(byName.get('sensor-quantum')?.connectivity).toEqual({
				connected: false,
				timestamp: 1767225000000,
				disconnectReason: 'QUANTUM_DECOHERENCE',
			});
			expect(byName.get('sensor-frac')?.thingId).toMatch(/^[0-9a-f-]{36}$/);
		});

		it('indexes never-connected things as {connected:false} only', async () => {
			const answer = await iot.send(new SearchIndexCommand({ queryString: 'thingName:sensor-never' }));
			expect(answer.things?.[0].connectivity).toEqual({ connected: false });
		});

		it('pages with nextToken until the whole fleet has been read', async () => {
			const names: string[] = [];
			let nextToken: string | undefined;
			let pages = 0;
			do {
				const page = await iot.send(new SearchIndexCommand({ queryString: '*', maxResults: 100, nextToken }));
				names.push(...(page.things ?? []).map((thing: ThingDocument) => thing.thingName ?? ''));
				nextToken = page.nextToken;
				pages += 1;
			} while (nextToken);
			expect(pages).toBe(3);
			expect(new Set(names).size).toBe(fleet.things.length + 1 /* brand-new, added by setThing above */);
		});

		it('filters with AND / OR / NOT, wildcards, groups and timestamp ranges', async () => {
			const search = async (queryString: string) =>
				((await iot.send(new SearchIndexCommand({ queryString, maxResults: 100 }))).things ?? []).map((thing) => thing.thingName).sort();
			expect(await search('thingGroupNames:plant-9 AND connectivity.connected:false')).toEqual(['sensor-never', 'sensor-quantum']);
			expect(await search('thingName:sensor-f* AND NOT thingName:sensor-flap')).toEqual(['sensor-flaky', 'sensor-frac']);
			expect(await search('connectivity.disconnectReason:QUANTUM_DECOHERENCE OR connectivity.disconnectReason:AUTH_ERROR AND thingTypeName:press')).toEqual([
				'line:7_press-01',
				'sensor-quantum',
			]);
			expect(await search('thingName:sensor-* AND connectivity.timestamp<1767225600000')).toEqual(['sensor-never-zero', 'sensor-quantum']);
			expect(await search('thingName:sensor-* AND connectivity.timestamp:[1767225600000 TO 1767225601000]')).toEqual(['sensor-frac', 'sensor-socket']);
			expect(await search('attributes.line:7')).toEqual(['line:7_press-01']);
		});

		it('agrees with the generated fleet mix', async () => {
			let total = 0;
			let nextToken: string | undefined;
			do {
				const page = await iot.send(new SearchIndexCommand({ queryString: 'thingName:sim-thing-* AND connectivity.connected:true', nextToken }));
				total += page.things?.length ?? 0;
				nextToken = page.nextToken;
			} while (nextToken);
			expect(total).toBe(bulk.things.filter((thing) => thing.connected).length);
		});

		it('rejects bad queries, page sizes and foreign tokens', async () => {
			const tooMany = Array.from({ length: 13 }, (_, index) => `thingName:t${index}`).join(' OR ');
			const terms = await failure(iot.send(new SearchIndexCommand({ queryString: tooMany })));
			expect(terms).toBeInstanceOf(InvalidQueryException);
			expect(terms.$metadata?.httpStatusCode).toBe(400);
			expect(await failure(iot.send(new SearchIndexCommand({ queryString: 'thingName:(' })))).toBeInstanceOf(InvalidQueryException);
			expect(await failure(iot.send(new SearchIndexCommand({ queryString: '*', maxResults: 101 })))).toBeInstanceOf(InvalidRequestException);

			const first = await iot.send(new SearchIndexCommand({ queryString: '*', maxResults: 10 }));
			const foreign = await failure(iot.send(new SearchIndexCommand({ queryString: 'connectivity.connected:true', nextToken: first.nextToken })));
			expect(foreign).toBeInstanceOf(InvalidRequestException);

			sim.setIndexStatus('BUILDING');
			expect(await failure(iot.send(new SearchIndexCommand({ queryString: '*' })))).toBeInstanceOf(IndexNotReadyException);
		});
	});

	describe('listing and configuration', () => {
		it('lists group members, recursively through child groups', async () => {
			const direct = await iot.send(new ListThingsInThingGroupCommand({ thingGroupName: 'plant-7' }));
			expect(direct.things).toEqual(['sensor-frac', 'sensor-relative']);
			const recursive: string[] = [];
			for await (const page of paginateListThingsInThingGroup({ client: iot, pageSize: 1 }, { thingGroupName: 'region-emea', recursive: true })) {
				recursive.push(...(page.things ?? []));
			}
			expect(recursive).toEqual(['sensor-frac', 'sensor-relative', 'sensor-quantum', 'sensor-never']);
			const none = await iot.send(new ListThingsInThingGroupCommand({ thingGroupName: 'region-emea', recursive: false }));
			expect(none.things).toEqual([]);
			const unknown = await failure(iot.send(new ListThingsInThingGroupCommand({ thingGroupName: 'plant-404' })));
			expect(unknown).toBeInstanceOf(ResourceNotFoundException);
			expect(unknown.$metadata?.httpStatusCode).toBe(404);
		});

		it('lists things with the SDK paginator and registry filters', async () => {
			let count = 0;
			for await (const page of paginateListThings({ client: iot, pageSize: 250 }, {})) count += page.things?.length ?? 0;
			expect(count).toBe(fleet.things.length + 1 /* brand-new from setThing */);

			const filtered = await iot.send(new ListThingsCommand({ attributeName: 'line', attributeValue: '7', thingTypeName: 'press' }));
			expect(filtered.things).toEqual([
				{ thingName: 'line:7_press-01', thingTypeName: 'press', thingArn: 'arn:aws:iot:us-east-1:123456789012:thing/line:7_press-01', attributes: { line: '7' }, version: 1 },
			]);
			expect(await failure(iot.send(new ListThingsCommand({ maxResults: 251 })))).toBeInstanceOf(InvalidRequestException);
		});

		it('reports the indexing configuration', async () => {
			const active = await iot.send(new GetIndexingConfigurationCommand({}));
			expect(active.thingIndexingConfiguration).toMatchObject({ thingIndexingMode: 'REGISTRY', thingConnectivityIndexingMode: 'STATUS' });
			sim.setIndexStatus('OFF');
			const off = await iot.send(new GetIndexingConfigurationCommand({}));
			expect(off.thingIndexingConfiguration?.thingConnectivityIndexingMode).toBe('OFF');
		});
	});
});
