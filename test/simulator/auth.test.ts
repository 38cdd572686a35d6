import { GetThingConnectivityDataCommand, IoTClient, ListThingsCommand, ListThingsInThingGroupCommand } from '@aws-sdk/client-iot';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { SignatureV4 } from '@smithy/signature-v4';
import { RunningSimulator, SIMULATOR_CREDENTIALS, SIMULATOR_ROLE_ARN, startSimulator } from '../../simulator';
import { NodeSha256 } from '../../simulator/nodeSha256';
import { failure, iotClient, rawFetch, REGION, signedFetch } from './helpers';

const EXTERNAL_ROLE = 'arn:aws:iam::210987654321:role/partner-reader';

describe('SigV4 verification and STS', () => {
	let sim: RunningSimulator;
	const clients: IoTClient[] = [];
	const client = (overrides: Parameters<typeof iotClient>[1] = {}) => {
		const created = iotClient(sim, overrides);
		clients.push(created);
		return created;
	};

	beforeAll(async () => {
		sim = await startSimulator({
			fleet: {
				thingGroups: [{ name: 'grp one' }],
				things: [
					{ thingName: 'thing-1', connected: true, timestamp: 1767225600, thingGroupNames: ['grp one'], attributes: { 'model name': 'a b+c' } },
					{ thingName: 'thing:2', connected: false, timestamp: 1767225601, disconnectReason: 'CONNECTION_LOST' },
				],
			},
			roles: [{ roleArn: SIMULATOR_ROLE_ARN }, { roleArn: EXTERNAL_ROLE, externalId: 'partner-secret-id' }],
		});
	});
	afterAll(async () => {
		for (const created of clients) created.destroy();
		await sim.stop();
	});

	it('accepts SDK signatures over encoded paths and multi-parameter queries', async () => {
		const iot = client();
		await expect(iot.send(new GetThingConnectivityDataCommand({ thingName: 'thing:2' }))).resolves.toMatchObject({ connected: false });
		// Space in a path label and in query values; several query keys in non-sorted order.
		await expect(iot.send(new ListThingsInThingGroupCommand({ thingGroupName: 'grp one', recursive: true, maxResults: 10 }))).resolves.toMatchObject({
			things: ['thing-1'],
		});
		await expect(iot.send(new ListThingsCommand({ attributeName: 'model name', attributeValue: 'a b+c', maxResults: 5 }))).resolves.toMatchObject({
			things: [{ thingName: 'thing-1' }],
		});
	});

	it('rejects a wrong secret with InvalidSignatureException', async () => {
		const iot = client({ credentials: { accessKeyId: SIMULATOR_CREDENTIALS.accessKeyId, secretAccessKey: 'not-the-secret' } });
		const error = await failure(iot.send(new GetThingConnectivityDataCommand({ thingName: 'thing-1' })));
		expect(error.name).toBe('InvalidSignatureException');
		expect(error.$metadata?.httpStatusCode).toBe(403);
		expect(error.message).toMatch(/^The request signature we calculated does not match/);
	});

	it('rejects an unknown access key with UnrecognizedClientException', async () => {
		const iot = client({ credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' } });
		const error = await failure(iot.send(new GetThingConnectivityDataCommand({ thingName: 'thing-1' })));
		expect(error.name).toBe('UnrecognizedClientException');
		expect(error.message).toBe('The security token included in the request is invalid.');
	});

	it('rejects a credential scoped to another region', async () => {
		const iot = client({ region: 'eu-west-1' });
		const error = await failure(iot.send(new GetThingConnectivityDataCommand({ thingName: 'thing-1' })));
		expect(error.name).toBe('InvalidSignatureException');
		expect(error.message).toBe('Credential should be scoped to a valid region.');
	});

	it('rejects a credential scoped to another service', async () => {
		const answer = await signedFetch(sim, { method: 'POST', path: '/things/thing-1/connectivity-data', body: '{}', service: 'iotmanagedintegrations' });
		expect(answer.status).toBe(403);
		expect(answer.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
		expect(answer.json().message).toBe("Credential should be scoped to correct service: 'iot'.");
	});

	it('accepts a hand-signed IoT call (SignatureV4 defaults, x-amz-content-sha256 signed)', async () => {
		const good = await signedFetch(sim, { method: 'POST', path: '/things/thing-1/connectivity-data', body: '{}', service: 'iot' });
		expect(good.status).toBe(200);
		expect(good.json()).toEqual({ thingName: 'thing-1', connected: true, timestamp: 1767225600 });
	});

	it('accepts GetThingConnectivityData with no body at all (pre-2026 SDKs)', async () => {
		const answer = await signedFetch(sim, { method: 'POST', path: '/things/thing%3A2/connectivity-data', service: 'iot' });
		expect(answer.status).toBe(200);
		expect(answer.json()).toMatchObject({ thingName: 'thing:2', disconnectReason: 'CONNECTION_LOST' });
	});

	it('rejects a signature dated outside the 15 minute window', async () => {
		const answer = await signedFetch(sim, {
			method: 'POST',
			path: '/things/thing-1/connectivity-data',
			body: '{}',
			service: 'iot',
			signingDate: new Date(Date.now() - 20 * 60 * 1000),
		});
		expect(answer.status).toBe(403);
		expect(answer.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
		expect(answer.json().message).toMatch(/^Signature expired/);
	});

	it('rejects requests whose body differs from what was signed', async () => {
		const url = new URL(sim.url);
		const signer = new SignatureV4({ service: 'iot', region: REGION, credentials: SIMULATOR_CREDENTIALS, sha256: NodeSha256, applyChecksum: false });
		const signed = await signer.sign({
			method: 'POST',
			protocol: 'http:',
			hostname: url.hostname,
			port: Number(url.port),
			path: '/indices/search',
			query: {},
			headers: { host: url.host, 'content-type': 'application/json' },
			body: '{"queryString":"*"}',
		});
		const headers = Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name !== 'host'));
		const answer = await rawFetch(`${sim.url}/indices/search`, { method: 'POST', headers, body: '{"queryString":"x"}' });
		expect(answer.status).toBe(403);
		expect(answer.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
	});

	it('rejects unsigned requests with MissingAuthenticationTokenException', async () => {
		const before = sim.stats.rejectedAuth;
		const answer = await rawFetch(`${sim.url}/things/thing-1/connectivity-data`, { method: 'POST', body: '{}' });
		expect(answer.status).toBe(403);
		expect(answer.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
		expect(answer.json()).toEqual({ message: 'Missing Authentication Token' });
		expect(sim.stats.rejectedAuth).toBe(before + 1);
	});

	it('answers unknown routes with 404 UnknownOperationException', async () => {
		const answer = await rawFetch(`${sim.url}/no/such/route`, { method: 'GET' });
		expect(answer.status).toBe(404);
		expect(answer.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
	});

	describe('STS AssumeRole', () => {
		it('issues temporary keys through fromTemporaryCredentials that work for IoT calls', async () => {
			const credentials = fromTemporaryCredentials({
				masterCredentials: { ...SIMULATOR_CREDENTIALS },
				params: { RoleArn: SIMULATOR_ROLE_ARN, RoleSessionName: 'jest-session' },
				clientConfig: { endpoint: sim.url, region: REGION },
			});
			const issued = await credentials();
			expect(issued.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
			expect(issued.sessionToken).toBeTruthy();
			expect(issued.expiration?.getTime()).toBeGreaterThan(Date.now() + 50 * 60 * 1000);

			const before = sim.stats.requestsByOperation.AssumeRole ?? 0;
			const iot = client({ credentials });
			const answer = await iot.send(new GetThingConnectivityDataCommand({ thingName: 'thing-1' }));
			expect(answer.connected).toBe(true);
			expect(sim.stats.requestsByOperation.AssumeRole).toBe(before + 1);
		});

		it('requires the matching ExternalId and reports AccessDenied as STS does', async () => {
			const assume = (externalId?: string) =>
				fromTemporaryCredentials({
					masterCredentials: { ...SIMULATOR_CREDENTIALS },
					params: { RoleArn: EXTERNAL_ROLE, RoleSessionName: 'partner', ExternalId: externalId },
					clientConfig: { endpoint: sim.url, region: REGION, maxAttempts: 1 },
				})();
			await expect(assume('partner-secret-id')).resolves.toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/) });
			const wrong = await failure(assume('guess'));
			expect(wrong.name).toBe('AccessDenied');
			expect(wrong.$metadata?.httpStatusCode).toBe(403);
			const missing = await failure(assume(undefined));
			expect(missing.name).toBe('AccessDenied');
		});

		it('refuses an unknown role', async () => {
			const error = await failure(
				fromTemporaryCredentials({
					masterCredentials: { ...SIMULATOR_CREDENTIALS },
					params: { RoleArn: 'arn:aws:iam::123456789012:role/nope', RoleSessionName: 'x1' },
					clientConfig: { endpoint: sim.url, region: REGION, maxAttempts: 1 },
				})(),
			);
			expect(error.name).toBe('AccessDenied');
			expect(error.message).toMatch(/not authorized to perform: sts:AssumeRole/);
		});

		it('refuses temporary keys presented without their session token', async () => {
			const issued = await fromTemporaryCredentials({
				masterCredentials: { ...SIMULATOR_CREDENTIALS },
				params: { RoleArn: SIMULATOR_ROLE_ARN, RoleSessionName: 'no-token' },
				clientConfig: { endpoint: sim.url, region: REGION },
			})();
			const iot = client({ credentials: { accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey } });
			const error = await failure(iot.send(new GetThingConnectivityDataCommand({ thingName: 'thing-1' })));
			expect(error.name).toBe('UnrecognizedClientException');
		});

		it('rejects STS calls signed for another service, in STS XML', async () => {
			const answer = await signedFetch(sim, {
				method: 'POST',
				path: '/',
				service: 'iot',
				body: 'Action=AssumeRole&Version=2011-06-15',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
			});
			expect(answer.status).toBe(403);
			expect(answer.text).toContain('<Code>SignatureDoesNotMatch</Code>');
			expect(answer.text).toContain("Credential should be scoped to correct service: 'sts'.");
		});
	});
});
