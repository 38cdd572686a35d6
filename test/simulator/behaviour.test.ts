import { GetThingConnectivityDataCommand, IoTClient, ThrottlingException } from '@aws-sdk/client-iot';
import { RunningSimulator, startSimulator, Fleet } from '../../simulator';
import { failure, iotClient } from './helpers';

const fleet: Fleet = { things: [{ thingName: 'dev-1', connected: true, timestamp: 1767225600 }] };
const call = (iot: IoTClient) => iot.send(new GetThingConnectivityDataCommand({ thingName: 'dev-1' }));

describe('behaviour knobs', () => {
	const running: RunningSimulator[] = [];
	const clients: IoTClient[] = [];
	async function start(options: Partial<Parameters<typeof startSimulator>[0]> = {}) {
		const sim = await startSimulator({ fleet, ...options });
		running.push(sim);
		return sim;
	}
	function client(sim: RunningSimulator, overrides: Parameters<typeof iotClient>[1] = {}) {
		const created = iotClient(sim, overrides);
		clients.push(created);
		return created;
	}
	afterEach(async () => {
		for (const created of clients.splice(0)) created.destroy();
		await Promise.all(running.splice(0).map((sim) => sim.stop()));
	});

	it('throttles over the rate with IoT ThrottlingException (HTTP 400)', async () => {
		const sim = await start({ rateLimit: { requestsPerSecond: 0.1, burst: 3 } });
		const iot = client(sim);
		const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => call(iot)));
		const rejected = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
		expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(3);
		expect(rejected).toHaveLength(3);
		expect(rejected[0].reason).toBeInstanceOf(ThrottlingException);
		expect((rejected[0].reason as ThrottlingException).$metadata.httpStatusCode).toBe(400);
		expect((rejected[0].reason as ThrottlingException).message).toBe('Rate exceeded');
		expect(sim.stats.throttled).toBe(3);
		expect(sim.stats.requestsByOperation.GetThingConnectivityData).toBe(6);
	});

	it('alternates 500 InternalFailureException and 503 ServiceUnavailableException', async () => {
		const sim = await start({ faults: { serverErrorRate: 1, seed: 42 } });
		const iot = client(sim);
		const errors = [await failure(call(iot)), await failure(call(iot)), await failure(call(iot))];
		expect(errors.map((error) => [error.name, error.$metadata?.httpStatusCode])).toEqual([
			['InternalFailureException', 500],
			['ServiceUnavailableException', 503],
			['InternalFailureException', 500],
		]);
		expect(sim.stats.faultsInjected).toBe(3);
		sim.setFaults({});
		await expect(call(iot)).resolves.toMatchObject({ connected: true });
	});

	it('draws the same faults for the same seed', async () => {
		const pattern = async () => {
			const sim = await start({ faults: { serverErrorRate: 0.5, seed: 7 } });
			const iot = client(sim);
			const outcome: boolean[] = [];
			for (let index = 0; index < 12; index += 1) outcome.push(await call(iot).then(() => true, () => false));
			return outcome;
		};
		const first = await pattern();
		expect(await pattern()).toEqual(first);
		expect(first).toContain(true);
		expect(first).toContain(false);
	});

	it('never answers a timed-out call; the client gives up and stop() still closes', async () => {
		const sim = await start({ faults: { timeoutRate: 1 } });
		// smithy's node-http-handler only logs a warning on requestTimeout unless throwOnRequestTimeout is set.
		const iot = client(sim, { requestHandler: { requestTimeout: 200, throwOnRequestTimeout: true } });
		const started = Date.now();
		const error = await failure(call(iot));
		expect(Date.now() - started).toBeGreaterThanOrEqual(190);
		expect(error.name).toMatch(/Timeout/i);
		expect(sim.stats.faultsInjected).toBe(1);
	});

	it('adds latency before every response and tracks concurrency', async () => {
		const sim = await start({ latencyMs: 80 });
		const iot = client(sim);
		const started = Date.now();
		await Promise.all(Array.from({ length: 5 }, () => call(iot)));
		expect(Date.now() - started).toBeGreaterThanOrEqual(75);
		expect(sim.stats.maxConcurrent).toBe(5);
		expect(sim.stats.total).toBe(5);
		sim.resetStats();
		expect(sim.stats).toEqual({ requestsByOperation: {}, throttled: 0, rejectedAuth: 0, faultsInjected: 0, maxConcurrent: 0, total: 0 });
	});

	it('holds a requested timeout while stop() destroys its socket', async () => {
		const sim = await start({ faults: { timeoutRate: 1 } });
		const iot = client(sim, { requestHandler: { requestTimeout: 5000, throwOnRequestTimeout: true } });
		const pending = call(iot).then(
			() => 'answered',
			(error: Error) => error.name,
		);
		await new Promise((resolve) => setTimeout(resolve, 50));
		await sim.stop();
		expect(await pending).not.toBe('answered');
	});
});
