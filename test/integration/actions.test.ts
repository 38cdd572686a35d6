/**
 * The action node against the simulated AWS endpoint, through the real IoT SDK client (and our
 * signed Managed Integrations client): serialization, SigV4, retries and error mapping all run.
 */
import type { IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Fleet, RunningSimulator } from '../../simulator';
import { generateFleet } from '../../simulator';
import { jsonOf, runActionNode } from '../helpers/runNode';
import { simulatorCredentials, startSimulatedAws } from '../helpers/simulatedAws';

// 2025-11-22T11:52:25.678Z, sent on the wire as fractional epoch seconds.
const FRACTIONAL_SECONDS = 1763812345.678;

const fleet: Fleet = {
	things: [
		{ thingName: 'pump-connected', connected: true, timestamp: 1763800000, disconnectReason: 'NONE', clientId: 'pump-connected', keepAliveDuration: 60, socket: { sourceIp: '10.0.0.7', sourcePort: 50123, targetIp: '52.1.2.3', targetPort: 8883 }, thingGroupNames: ['plant-7'] },
		{ thingName: 'pump-fractional', connected: false, timestamp: FRACTIONAL_SECONDS, disconnectReason: 'MQTT_KEEP_ALIVE_TIMEOUT', thingGroupNames: ['plant-7'] },
		{ thingName: 'pump-never-zero', connected: false, timestamp: 0, disconnectReason: 'UNKNOWN', thingGroupNames: ['plant-7'] },
		{ thingName: 'pump-never-bare', connected: false },
		{ thingName: 'pump-future-reason', connected: false, timestamp: 1763700000, disconnectReason: 'QUANTUM_DECOHERENCE', thingGroupNames: ['plant-9'] },
		{ thingName: 'pump-auth', connected: false, timestamp: 1763750000, disconnectReason: 'AUTH_ERROR', thingGroupNames: ['plant-9'] },
	],
	managedThings: [
		{ managedThingId: 'mt-connected', connected: true, timestamp: 1763800000 },
		{ managedThingId: 'mt-fractional', connected: false, timestamp: FRACTIONAL_SECONDS, disconnectReason: 'CONNECTION_LOST' },
		{ managedThingId: 'mt-never', connected: false, disconnectReason: 'UNKNOWN' },
	],
};

let simulator: RunningSimulator;

beforeAll(async () => {
	simulator = await startSimulatedAws(fleet);
});
afterAll(async () => await simulator.stop());
beforeEach(() => simulator.resetStats());

const getThing = (thingName: string | ((itemIndex: number) => string), options: Record<string, unknown> = {}, items?: object[]) => ({
	parameters: (itemIndex: number) => ({
		operation: 'getThingConnectivity',
		thingName: typeof thingName === 'function' ? thingName(itemIndex) : thingName,
		options,
	}),
	items: items as never,
	credentials: simulatorCredentials(simulator),
});

function expectAgeConsistent(record: IDataObject) {
	const ageMs = Date.parse(record.observedAt as string) - Date.parse(record.timestamp as string);
	expect(record.secondsSinceChange).toBe(Math.floor(ageMs / 1000));
}

describe('Get Thing Connectivity', () => {
	it('returns the normalized record for a connected thing', async () => {
		const [record] = jsonOf(await runActionNode(getThing('pump-connected')));
		expect(record).toMatchObject({
			source: 'iot',
			thingName: 'pump-connected',
			connected: true,
			status: 'connected',
			disconnectReason: 'NONE',
			timestamp: '2025-11-22T08:26:40.000Z',
			clientId: 'pump-connected',
			keepAliveDuration: 60,
		});
		expect(record).not.toHaveProperty('sourceIp');
		expectAgeConsistent(record);
	});

	it('gives fractional epoch seconds the exact ISO instant', async () => {
		const [record] = jsonOf(await runActionNode(getThing('pump-fractional')));
		expect(record.timestamp).toBe('2025-11-22T11:52:25.678Z');
		expect(record.status).toBe('disconnected');
	});

	it.each(['pump-never-zero', 'pump-never-bare'])('reports %s as neverConnected', async (thingName) => {
		const [record] = jsonOf(await runActionNode(getThing(thingName)));
		expect(record).toMatchObject({ status: 'neverConnected', connected: false, timestamp: null, secondsSinceChange: null });
	});

	it('passes an unknown disconnect reason through', async () => {
		const [record] = jsonOf(await runActionNode(getThing('pump-future-reason')));
		expect(record).toMatchObject({ disconnectReason: 'QUANTUM_DECOHERENCE', status: 'disconnected' });
	});

	it('adds socket fields only with includeSocketInformation, raw only with includeRawResponse', async () => {
		const [record] = jsonOf(await runActionNode(getThing('pump-connected', { includeSocketInformation: true, includeRawResponse: true })));
		expect(record).toMatchObject({ sourceIp: '10.0.0.7', sourcePort: 50123, targetIp: '52.1.2.3', targetPort: 8883 });
		expect(record.raw).toMatchObject({ thingName: 'pump-connected', connected: true, sourceIp: '10.0.0.7' });
	});
});

describe('Get Managed Thing Connectivity', () => {
	const getManaged = (identifier: string) => ({
		parameters: { operation: 'getManagedThingConnectivity', identifier, options: {} },
		credentials: simulatorCredentials(simulator),
	});

	it('returns the same record shape, keyed by managedThingId', async () => {
		const [record] = jsonOf(await runActionNode(getManaged('mt-connected')));
		expect(record).toMatchObject({
			source: 'managedIntegrations',
			managedThingId: 'mt-connected',
			connected: true,
			status: 'connected',
			disconnectReason: null,
			timestamp: '2025-11-22T08:26:40.000Z',
		});
		expectAgeConsistent(record);
	});

	it('decodes fractional seconds and never-connected the same way as IoT', async () => {
		const [fractional] = jsonOf(await runActionNode(getManaged('mt-fractional')));
		expect(fractional).toMatchObject({ timestamp: '2025-11-22T11:52:25.678Z', disconnectReason: 'CONNECTION_LOST' });
		const [never] = jsonOf(await runActionNode(getManaged('mt-never')));
		expect(never).toMatchObject({ status: 'neverConnected', timestamp: null });
	});
});

describe('Search Fleet Connectivity', () => {
	const search = (queryString: string, extra: Record<string, unknown> = {}) => ({
		parameters: { operation: 'searchConnectivity', queryString, returnAll: false, limit: 50, options: {}, ...extra },
		credentials: simulatorCredentials(simulator),
	});

	it('returns one record per thing, with milliseconds read as the same instant Get reads from seconds', async () => {
		const records = jsonOf(await runActionNode(search('connectivity.connected:false AND thingGroupNames:plant-7')));
		expect(records.map((record) => record.thingName).sort()).toEqual(['pump-fractional', 'pump-never-zero']);
		const fractional = records.find((record) => record.thingName === 'pump-fractional');
		expect(fractional).toMatchObject({ source: 'fleetIndex', timestamp: '2025-11-22T11:52:25.678Z', thingGroupNames: ['plant-7'] });
		expect(records.find((record) => record.thingName === 'pump-never-zero')?.status).toBe('neverConnected');
	});

	it('passes unknown reasons through from the index too', async () => {
		const records = jsonOf(await runActionNode(search('connectivity.disconnectReason:QUANTUM_DECOHERENCE')));
		expect(records).toEqual([expect.objectContaining({ thingName: 'pump-future-reason', disconnectReason: 'QUANTUM_DECOHERENCE' })]);
	});
});

describe('Search across pages', () => {
	let bigFleet: RunningSimulator;
	beforeAll(async () => {
		bigFleet = await startSimulatedAws(generateFleet(250, { seed: 7 }));
	});
	afterAll(async () => await bigFleet.stop());

	const search = (extra: Record<string, unknown>) => ({
		parameters: { operation: 'searchConnectivity', queryString: '*', options: {}, ...extra },
		credentials: simulatorCredentials(bigFleet),
	});

	it('returnAll pages through nextToken to the end', async () => {
		const records = jsonOf(await runActionNode(search({ returnAll: true })));
		expect(records).toHaveLength(250);
		expect(new Set(records.map((record) => record.thingName)).size).toBe(250);
		expect(bigFleet.stats.requestsByOperation.SearchIndex).toBe(3);
	});

	it('limit stops across a page boundary', async () => {
		bigFleet.resetStats();
		const records = jsonOf(await runActionNode(search({ returnAll: false, limit: 150 })));
		expect(records).toHaveLength(150);
		expect(bigFleet.stats.requestsByOperation.SearchIndex).toBe(2);
	});
});

describe('validation before any request', () => {
	it('fails on an invalid thing name, naming the item, value and rule, with nothing sent', async () => {
		const names = ['pump-connected', 'pump 17', 'pump-auth'];
		const run = runActionNode(getThing((itemIndex) => names[itemIndex], {}, [{}, {}, {}]));
		await expect(run).rejects.toMatchObject({
			message: expect.stringMatching(/^Invalid Thing Name in item 1: "pump 17" — Thing Name contains a space \(must be 1–128 characters/),
			description: expect.stringContaining('item 1'),
		});
		expect(simulator.stats.total).toBe(0);
	});

	it('refuses an over-long managed thing identifier', async () => {
		const run = runActionNode({
			parameters: { operation: 'getManagedThingConnectivity', identifier: 'x'.repeat(65), options: {} },
			credentials: simulatorCredentials(simulator),
		});
		await expect(run).rejects.toThrow('65 characters long');
		expect(simulator.stats.total).toBe(0);
	});
});

describe('continueOnFail', () => {
	it('turns a missing thing into an error item paired to its input; the rest succeed', async () => {
		const names = ['pump-connected', 'no-such-pump', 'pump-auth', 'bad name'];
		const items = await runActionNode({ ...getThing((itemIndex) => names[itemIndex], {}, names.map(() => ({}))), continueOnFail: true });
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items[0].json.status).toBe('connected');
		expect(items[1].json).toMatchObject({
			source: 'iot',
			thingName: 'no-such-pump',
			errorCode: 'ResourceNotFoundException',
			httpStatusCode: 404,
			error: expect.stringContaining('ResourceNotFoundException'),
			errorHint: expect.stringContaining('us-east-1'),
		});
		expect(items[2].json.disconnectReason).toBe('AUTH_ERROR');
		expect(items[3].json).toMatchObject({ source: 'iot', thingName: 'bad name', errorCode: 'InvalidInput', error: expect.stringContaining('must be 1–128'), errorHint: expect.any(String) });
		// The invalid item was never sent.
		expect(simulator.stats.requestsByOperation.GetThingConnectivityData).toBe(3);
	});

	it('without continueOnFail the failure is a NodeApiError with the HTTP code and hint', async () => {
		await expect(runActionNode(getThing('no-such-pump'))).rejects.toMatchObject({
			httpCode: '404',
			message: expect.stringContaining('GetThingConnectivityData failed for "no-such-pump"'),
			description: expect.stringContaining('No thing named "no-such-pump" exists in region us-east-1'),
		} satisfies Partial<NodeApiError>);
	});
});

describe('many items at once', () => {
	let latentFleet: RunningSimulator;
	const generated = generateFleet(120, { seed: 3 });
	const thingNames = generated.things.map((thing) => thing.thingName);
	beforeAll(async () => {
		latentFleet = await startSimulatedAws(generated, { latencyMs: 15 });
	});
	afterAll(async () => await latentFleet.stop());

	it('keeps input order and pairing under concurrency, within the bound', async () => {
		const reversed = [...thingNames].reverse();
		const items = await runActionNode({
			parameters: (itemIndex) => ({ operation: 'getThingConnectivity', thingName: reversed[itemIndex], options: { concurrency: 8, maxRequestsPerSecond: 0 } }),
			items: reversed.map(() => ({})),
			credentials: simulatorCredentials(latentFleet),
		});
		expect(items.map((item) => item.json.thingName)).toEqual(reversed);
		expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual(reversed.map((_, index) => index));
		expect(latentFleet.stats.maxConcurrent).toBeGreaterThan(1);
		expect(latentFleet.stats.maxConcurrent).toBeLessThanOrEqual(8);
	});
});

describe('throttling', () => {
	let throttledFleet: RunningSimulator;
	const generated = generateFleet(60, { seed: 5 });
	const names = generated.things.map((thing) => thing.thingName);
	beforeAll(async () => {
		throttledFleet = await startSimulatedAws(
			{ ...generated, managedThings: Array.from({ length: 30 }, (_, index) => ({ managedThingId: `mt-${index}`, connected: true, timestamp: 1763800000 })) },
			{ rateLimit: { requestsPerSecond: 40, burst: 5 } },
		);
	});
	afterAll(async () => await throttledFleet.stop());
	beforeEach(() => throttledFleet.resetStats());

	it('recovers from ThrottlingException (IoT, HTTP 400) by retrying: no item lost', async () => {
		const items = await runActionNode({
			parameters: (itemIndex) => ({ operation: 'getThingConnectivity', thingName: names[itemIndex], options: { concurrency: 20, maxRequestsPerSecond: 0, maxAttempts: 10 } }),
			items: names.map(() => ({})),
			credentials: simulatorCredentials(throttledFleet),
		});
		expect(throttledFleet.stats.throttled).toBeGreaterThan(0);
		expect(items.map((item) => item.json.thingName)).toEqual(names);
		expect(items.every((item) => item.json.error === undefined)).toBe(true);
	});

	it('recovers from ThrottlingException (Managed Integrations, HTTP 429) with the same retry strategy', async () => {
		const ids = Array.from({ length: 30 }, (_, index) => `mt-${index}`);
		const items = await runActionNode({
			parameters: (itemIndex) => ({ operation: 'getManagedThingConnectivity', identifier: ids[itemIndex], options: { concurrency: 20, maxRequestsPerSecond: 0, maxAttempts: 10 } }),
			items: ids.map(() => ({})),
			credentials: simulatorCredentials(throttledFleet),
		});
		expect(throttledFleet.stats.throttled).toBeGreaterThan(0);
		expect(items.map((item) => item.json.managedThingId)).toEqual(ids);
	});

	it('the request-rate cap keeps a batch under the quota instead of leaning on retries', async () => {
		const items = await runActionNode({
			parameters: (itemIndex) => ({ operation: 'getThingConnectivity', thingName: names[itemIndex % names.length], options: { concurrency: 20, maxRequestsPerSecond: 25 } }),
			items: names.map(() => ({})),
			credentials: simulatorCredentials(throttledFleet),
		});
		expect(items).toHaveLength(60);
		expect(throttledFleet.stats.throttled).toBe(0);
	});

	it('with retries exhausted, the error says to lower the rate', async () => {
		const run = runActionNode({
			parameters: (itemIndex) => ({ operation: 'getThingConnectivity', thingName: names[itemIndex], options: { concurrency: 30, maxRequestsPerSecond: 0, maxAttempts: 1 } }),
			items: names.map(() => ({})),
			credentials: simulatorCredentials(throttledFleet),
		});
		await expect(run).rejects.toMatchObject({ description: expect.stringContaining('Max Requests per Second') } satisfies Partial<NodeOperationError>);
	});
});
