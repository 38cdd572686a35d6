import { RunningSimulator, startSimulator } from '../../simulator';
import { signedFetch } from './helpers';

describe('IoT Managed Integrations routes with a hand-built SigV4 client', () => {
	let sim: RunningSimulator;

	beforeAll(async () => {
		sim = await startSimulator({
			fleet: {
				things: [],
				managedThings: [
					{ managedThingId: 'mt-online', name: 'Thermostat', connected: true, timestamp: 1767225600.25 },
					{ managedThingId: 'mt-offline', connected: false, timestamp: 1767225000, disconnectReason: 'MQTT_KEEP_ALIVE_TIMEOUT' },
					{ managedThingId: 'mt-never', connected: false, provisioningStatus: 'DISCOVERED' },
					{ managedThingId: 'mt-flaky', connected: true, timestamp: 1767225601, fault: { errorType: 'InternalServerException', times: 1 } },
				],
			},
		});
	});
	afterAll(() => sim.stop());

	const connectivity = (id: string) => signedFetch(sim, { method: 'POST', path: `/managed-things-connectivity-data/${id}` });

	it('returns PascalCase connectivity with epoch-seconds Timestamp', async () => {
		const online = await connectivity('mt-online');
		expect(online.status).toBe(200);
		expect(online.json()).toEqual({ ManagedThingId: 'mt-online', Connected: true, Timestamp: 1767225600.25 });
		expect((await connectivity('mt-offline')).json()).toEqual({
			ManagedThingId: 'mt-offline',
			Connected: false,
			Timestamp: 1767225000,
			DisconnectReason: 'MQTT_KEEP_ALIVE_TIMEOUT',
		});
		expect((await connectivity('mt-never')).json()).toEqual({ ManagedThingId: 'mt-never', Connected: false });
	});

	it('answers errors with x-amzn-errortype and both Message spellings', async () => {
		const missing = await connectivity('mt-unknown');
		expect(missing.status).toBe(404);
		expect(missing.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
		expect(missing.json()).toEqual({ Message: expect.any(String), message: expect.any(String) });

		const invalid = await connectivity('has%20space');
		expect(invalid.status).toBe(400);
		expect(invalid.headers.get('x-amzn-errortype')).toBe('ValidationException');

		const flaky = await connectivity('mt-flaky');
		expect(flaky.status).toBe(500);
		expect(flaky.headers.get('x-amzn-errortype')).toBe('InternalServerException');
		expect((await connectivity('mt-flaky')).status).toBe(200);
	});

	it('rejects the IoT signing name on this service', async () => {
		const answer = await signedFetch(sim, { method: 'POST', path: '/managed-things-connectivity-data/mt-online', service: 'iot' });
		expect(answer.status).toBe(403);
		expect(answer.json().message).toBe("Credential should be scoped to correct service: 'iotmanagedintegrations'.");
	});

	it('lists managed things with MaxResults, NextToken and ProvisioningStatusFilter', async () => {
		const first = await signedFetch(sim, { method: 'GET', path: '/managed-things', query: { MaxResults: '2' } });
		expect(first.status).toBe(200);
		const firstPage = first.json() as { Items: Array<{ Id: string; Arn: string; ProvisioningStatus: string }>; NextToken?: string };
		expect(firstPage.Items.map((item) => item.Id)).toEqual(['mt-online', 'mt-offline']);
		expect(firstPage.Items[0]).toEqual({
			Id: 'mt-online',
			Arn: 'arn:aws:iotmanagedintegrations:us-east-1:123456789012:managed-thing/mt-online',
			Name: 'Thermostat',
			ProvisioningStatus: 'ACTIVATED',
		});
		const second = await signedFetch(sim, { method: 'GET', path: '/managed-things', query: { MaxResults: '2', NextToken: firstPage.NextToken ?? '' } });
		expect((second.json() as { Items: Array<{ Id: string }> }).Items.map((item) => item.Id)).toEqual(['mt-never', 'mt-flaky']);
		expect(second.json().NextToken).toBeUndefined();

		const activated = await signedFetch(sim, { method: 'GET', path: '/managed-things', query: { ProvisioningStatusFilter: 'ACTIVATED' } });
		expect((activated.json() as { Items: unknown[] }).Items).toHaveLength(3);
		const tooMany = await signedFetch(sim, { method: 'GET', path: '/managed-things', query: { MaxResults: '1001' } });
		expect(tooMany.status).toBe(400);
		expect(tooMany.headers.get('x-amzn-errortype')).toBe('ValidationException');
	});

	it('throttles with HTTP 429 ThrottlingException', async () => {
		const limited = await startSimulator({
			fleet: { things: [], managedThings: [{ managedThingId: 'mt-1', connected: true }] },
			rateLimit: { requestsPerSecond: 1, burst: 2 },
		});
		try {
			const answers = [];
			for (let index = 0; index < 4; index += 1) {
				answers.push(await signedFetch(limited, { method: 'POST', path: '/managed-things-connectivity-data/mt-1' }));
			}
			expect(answers.map((answer) => answer.status)).toEqual([200, 200, 429, 429]);
			expect(answers[2].headers.get('x-amzn-errortype')).toBe('ThrottlingException');
			expect(answers[2].json()).toEqual({ Message: 'Rate exceeded', message: 'Rate exceeded' });
			expect(limited.stats.throttled).toBe(2);
		} finally {
			await limited.stop();
		}
	});
});
