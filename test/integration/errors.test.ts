/**
 * Every exception the two services document, produced by the simulator on the wire (status code,
 * x-amzn-errortype) and read back through the SDK: each becomes a NodeApiError with the HTTP code,
 * AWS's message and a hint that helps.
 */
import type { RunningSimulator } from '../../simulator';
import { runActionNode } from '../helpers/runNode';
import { simulatorCredentials, startSimulatedAws } from '../helpers/simulatedAws';

const IOT_ERRORS: Array<[string, string, string]> = [
	['InvalidRequestException', '400', 'invalid'],
	['ThrottlingException', '400', 'Max Requests per Second'],
	['UnauthorizedException', '401', 'iot:GetThingConnectivityData'],
	['ResourceNotFoundException', '404', 'in region us-east-1'],
	['IndexNotReadyException', '400', 'thing connectivity indexing'],
	['InternalFailureException', '500', 'AWS failed on its side'],
	['ServiceUnavailableException', '503', 'AWS failed on its side'],
];

const MANAGED_ERRORS: Array<[string, string, string]> = [
	['ValidationException', '400', 'invalid'],
	['UnauthorizedException', '401', 'iotmanagedintegrations:GetManagedThingConnectivityData'],
	['AccessDeniedException', '403', 'iotmanagedintegrations:GetManagedThingConnectivityData'],
	['ResourceNotFoundException', '404', 'in region us-east-1'],
	['ThrottlingException', '429', 'Max Requests per Second'],
	['InternalServerException', '500', 'AWS failed on its side'],
	['ServiceUnavailableException', '503', 'AWS failed on its side'],
];

let simulator: RunningSimulator;

beforeAll(async () => {
	simulator = await startSimulatedAws({
		things: IOT_ERRORS.map(([errorType]) => ({ thingName: `fails-${errorType}`, connected: true, timestamp: 1763800000, fault: { errorType } })),
		managedThings: MANAGED_ERRORS.map(([errorType]) => ({ managedThingId: `fails-${errorType}`, connected: true, timestamp: 1763800000, fault: { errorType } })),
	});
});
afterAll(async () => await simulator.stop());

// Two attempts keep retryable errors quick while still exercising the retry path.
const options = { maxAttempts: 2, maxRequestsPerSecond: 0 };

const ERROR_CASES = [
	...IOT_ERRORS.map(([errorType, httpCode, hint]) => ({ service: 'IoT', parameters: { operation: 'getThingConnectivity', thingName: `fails-${errorType}` }, errorType, httpCode, hint })),
	...MANAGED_ERRORS.map(([errorType, httpCode, hint]) => ({
		service: 'Managed Integrations',
		parameters: { operation: 'getManagedThingConnectivity', identifier: `fails-${errorType}` },
		errorType,
		httpCode,
		hint,
	})),
];

describe.each(ERROR_CASES)('$service $errorType', ({ parameters, errorType, httpCode, hint }) => {
	it(`maps to NodeApiError ${httpCode} with a hint`, async () => {
		const run = runActionNode({ parameters: { ...parameters, options }, credentials: simulatorCredentials(simulator) });
		await expect(run).rejects.toMatchObject({
			name: 'NodeApiError',
			httpCode,
			message: expect.stringContaining(errorType),
			description: expect.stringContaining(hint),
		});
	});
});

describe('retries', () => {
	it('a transient 5xx is retried and the item succeeds', async () => {
		simulator.setThing('fails-InternalFailureException', { fault: { errorType: 'InternalFailureException', times: 1 } });
		const [item] = await runActionNode({
			parameters: { operation: 'getThingConnectivity', thingName: 'fails-InternalFailureException', options },
			credentials: simulatorCredentials(simulator),
		});
		expect(item.json.status).toBe('connected');
	});

	it('the hand-built Managed Integrations client retries a 503 the same way', async () => {
		simulator.setManagedThing('fails-ServiceUnavailableException', { fault: { errorType: 'ServiceUnavailableException', times: 1 } });
		const [item] = await runActionNode({
			parameters: { operation: 'getManagedThingConnectivity', identifier: 'fails-ServiceUnavailableException', options },
			credentials: simulatorCredentials(simulator),
		});
		expect(item.json.status).toBe('connected');
	});

	it('a client error is not retried', async () => {
		simulator.resetStats();
		await expect(
			runActionNode({
				parameters: { operation: 'getThingConnectivity', thingName: 'fails-ResourceNotFoundException', options: { maxAttempts: 5 } },
				credentials: simulatorCredentials(simulator),
			}),
		).rejects.toMatchObject({ httpCode: '404' });
		expect(simulator.stats.requestsByOperation.GetThingConnectivityData).toBe(1);
	});
});

describe('an endpoint that never answers', () => {
	it('gives up after the request timeout with a network hint instead of hanging', async () => {
		const silent = await startSimulatedAws({ things: [{ thingName: 'pump-1', connected: true }] }, { faults: { timeoutRate: 1 } });
		try {
			await expect(
				runActionNode({
					parameters: { operation: 'getThingConnectivity', thingName: 'pump-1', options: { maxAttempts: 2, requestTimeoutMs: 300, maxRequestsPerSecond: 0 } },
					credentials: simulatorCredentials(silent),
				}),
			).rejects.toMatchObject({ name: 'NodeApiError', description: expect.stringContaining('did not answer in time') });
			expect(silent.stats.requestsByOperation.GetThingConnectivityData).toBe(2);
		} finally {
			await silent.stop();
		}
	});
});
