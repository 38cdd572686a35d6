/**
 * The credential test and the credential sources, against the simulated endpoint (which checks
 * SigV4 signatures, regions and issues assume-role sessions like STS).
 */
import type { RunningSimulator } from '../../simulator';
import { SIMULATOR_CREDENTIALS, SIMULATOR_ROLE_ARN } from '../../simulator';
import { testConnectivityCredentials } from '../../nodes/shared/credentialTest';
import { SYSTEM_CREDENTIALS_SWITCH } from '../../nodes/shared/awsCredentials';
import { jsonOf, runActionNode } from '../helpers/runNode';
import { simulatorCredentials, startSimulatedAws } from '../helpers/simulatedAws';

let simulator: RunningSimulator;

beforeAll(async () => {
	simulator = await startSimulatedAws(
		{
			things: [{ thingName: 'pump-1', connected: true, timestamp: 1763800000 }],
			managedThings: ['mt-1', 'mt-2', 'mt-3', 'mt-4'].map((managedThingId) => ({ managedThingId, connected: true, timestamp: 1763800000 })),
		},
		{ roles: [{ roleArn: SIMULATOR_ROLE_ARN }, { roleArn: 'arn:aws:iam::123456789012:role/partner', externalId: 'partner-secret-id' }] },
	);
});
afterAll(async () => await simulator.stop());

describe('credential test', () => {
	it('passes with working keys and says indexing is on', async () => {
		expect(await testConnectivityCredentials(simulatorCredentials(simulator))).toEqual({
			status: 'OK',
			message: expect.stringContaining('thing connectivity indexing is on'),
		});
	});

	it('reports an unknown access key as wrong keys', async () => {
		const outcome = await testConnectivityCredentials(simulatorCredentials(simulator, { accessKeyId: 'AKIANOTKNOWN00000000' }));
		expect(outcome.status).toBe('Error');
		expect(outcome.message).toMatch(/^Wrong keys: .*Access Key ID/);
	});

	it('reports a wrong secret as wrong keys, naming the secret field, without echoing it', async () => {
		const outcome = await testConnectivityCredentials(simulatorCredentials(simulator, { secretAccessKey: 'definitely-wrong-secret' }));
		expect(outcome.message).toMatch(/^Wrong keys: .*Secret Access Key/);
		expect(outcome.message).not.toContain('definitely-wrong-secret');
	});

	it('reports a region the endpoint does not serve as wrong region', async () => {
		const outcome = await testConnectivityCredentials(simulatorCredentials(simulator, { region: 'eu-west-3' }));
		expect(outcome.message).toMatch(/^Wrong region: .*eu-west-3/);
	});

	it('reports an unreachable endpoint in words', async () => {
		const outcome = await testConnectivityCredentials(
			simulatorCredentials(simulator, { iotEndpoint: 'http://127.0.0.1:9', managedIntegrationsEndpoint: 'http://127.0.0.1:9' }),
		);
		expect(outcome).toEqual({ status: 'Error', message: expect.stringMatching(/^AWS not reachable: /) });
	});

	it('names the service that does not work when the other does', async () => {
		const outcome = await testConnectivityCredentials(simulatorCredentials(simulator, { managedIntegrationsEndpoint: 'http://127.0.0.1:9' }));
		expect(outcome.status).toBe('OK');
		expect(outcome.message).toMatch(/AWS IoT: thing connectivity indexing is on\. IoT Managed Integrations: not usable — AWS not reachable/);
	});

	it('warns when thing connectivity indexing is off, though the keys work', async () => {
		simulator.setIndexStatus('OFF');
		try {
			const outcome = await testConnectivityCredentials(simulatorCredentials(simulator));
			expect(outcome).toEqual({ status: 'OK', message: expect.stringContaining('thing connectivity indexing is OFF') });
		} finally {
			simulator.setIndexStatus('ACTIVE');
		}
	});

	it('refuses the host identity without the admin switch, naming the switch', async () => {
		const outcome = await testConnectivityCredentials({ region: 'us-east-1', credentialSource: 'defaultChain' }, {});
		expect(outcome.status).toBe('Error');
		expect(outcome.message).toContain(`${SYSTEM_CREDENTIALS_SWITCH}=true`);
	});

	it('uses the host identity when the admin allows it (environment keys here)', async () => {
		const environment = {
			[SYSTEM_CREDENTIALS_SWITCH]: 'true',
			AWS_ACCESS_KEY_ID: SIMULATOR_CREDENTIALS.accessKeyId,
			AWS_SECRET_ACCESS_KEY: SIMULATOR_CREDENTIALS.secretAccessKey,
		};
		const saved = { ...process.env };
		Object.assign(process.env, environment);
		try {
			const outcome = await testConnectivityCredentials(
				simulatorCredentials(simulator, { credentialSource: 'defaultChain', accessKeyId: '', secretAccessKey: '' }),
				environment,
			);
			expect(outcome.status).toBe('OK');
		} finally {
			process.env = saved;
		}
	});
});

describe('assume-role', () => {
	it('assumes the role once per execution, for IoT and the hand-built Managed Integrations client alike', async () => {
		simulator.resetStats();
		const ids = ['mt-1', 'mt-2', 'mt-3', 'mt-4'];
		const items = await runActionNode({
			parameters: (itemIndex) => ({ operation: 'getManagedThingConnectivity', identifier: ids[itemIndex], options: {} }),
			items: ids.map(() => ({})),
			credentials: simulatorCredentials(simulator, { roleArn: SIMULATOR_ROLE_ARN }),
		});
		expect(items.map((item) => item.json.status)).toEqual(['connected', 'connected', 'connected', 'connected']);
		expect(simulator.stats.requestsByOperation.AssumeRole).toBe(1);
	});

	it('assumes the role through STS and calls IoT with the session', async () => {
		simulator.resetStats();
		const [record] = jsonOf(
			await runActionNode({
				parameters: { operation: 'getThingConnectivity', thingName: 'pump-1', options: {} },
				credentials: simulatorCredentials(simulator, { roleArn: SIMULATOR_ROLE_ARN, roleSessionName: 'test-session' }),
			}),
		);
		expect(record.status).toBe('connected');
		expect(simulator.stats.requestsByOperation.AssumeRole).toBe(1);
	});

	it('passes the external ID the role requires', async () => {
		const outcome = await testConnectivityCredentials(
			simulatorCredentials(simulator, { roleArn: 'arn:aws:iam::123456789012:role/partner', externalId: 'partner-secret-id' }),
		);
		expect(outcome.status).toBe('OK');
	});

	it('reports a role the identity may not assume as missing permission for sts:AssumeRole', async () => {
		const outcome = await testConnectivityCredentials(
			simulatorCredentials(simulator, { roleArn: 'arn:aws:iam::123456789012:role/partner', externalId: 'wrong-id' }),
		);
		expect(outcome.status).toBe('Error');
		expect(outcome.message).toMatch(/^Missing permission: .*sts:AssumeRole/);
		expect(outcome.message).not.toContain('wrong-id');
	});
});
