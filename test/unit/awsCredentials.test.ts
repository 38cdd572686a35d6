import {
	CredentialConfigurationError,
	SYSTEM_CREDENTIALS_SWITCH,
	readConnectivityCredentials,
	resolveAwsAccess,
} from '../../nodes/shared/awsCredentials';

const keys = { region: 'eu-central-1', credentialSource: 'accessKeys', accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret-value' };

function resolve(data: Record<string, unknown>, environment: NodeJS.ProcessEnv = {}) {
	return resolveAwsAccess(readConnectivityCredentials(data), environment);
}

describe('host identity (default chain)', () => {
	it('is refused without the admin switch, and the message names the switch', () => {
		const attempt = () => resolve({ region: 'us-east-1', credentialSource: 'defaultChain' });
		expect(attempt).toThrow(CredentialConfigurationError);
		expect(attempt).toThrow(SYSTEM_CREDENTIALS_SWITCH);
		expect(() => resolve({ region: 'us-east-1', credentialSource: 'defaultChain' }, { [SYSTEM_CREDENTIALS_SWITCH]: 'false' })).toThrow(
			SYSTEM_CREDENTIALS_SWITCH,
		);
	});

	it('is allowed when the admin set the switch to true', () => {
		const access = resolve({ region: 'us-east-1', credentialSource: 'defaultChain' }, { [SYSTEM_CREDENTIALS_SWITCH]: 'true' });
		expect(typeof access.createIdentity()).toBe('function');
	});
});

describe('access keys', () => {
	it('builds a static identity and the default endpoints', () => {
		const access = resolve({ ...keys, sessionToken: 'token' });
		expect(access.createIdentity()).toEqual({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret-value', sessionToken: 'token' });
		expect(access.iotEndpoint).toBeUndefined();
		expect(access.managedIntegrationsEndpoint).toBe('https://api.iotmanagedintegrations.eu-central-1.api.aws');
	});

	it.each([
		[{ accessKeyId: '' }, 'Access Key ID'],
		[{ secretAccessKey: '' }, 'Secret Access Key'],
		[{ region: '' }, 'Region'],
		[{ region: 'Frankfurt' }, 'not an AWS region code'],
		[{ roleArn: 'my-role' }, 'Role ARN'],
		[{ credentialSource: 'instanceProfile' }, 'Credential Source'],
		[{ customEndpoints: true, iotEndpoint: 'localhost:4566' }, 'IoT Endpoint'],
	])('names the broken field %j', (patch, field) => {
		expect(() => resolve({ ...keys, ...patch })).toThrow(field);
	});

	it('never puts the secret into an error message', () => {
		try {
			resolve({ ...keys, roleArn: 'not-an-arn' });
			throw new Error('expected a failure');
		} catch (error) {
			expect((error as Error).message).not.toContain('secret-value');
		}
	});

	it('uses endpoint overrides only when custom endpoints are on', () => {
		const overrides = { iotEndpoint: 'http://127.0.0.1:4566/', managedIntegrationsEndpoint: 'http://127.0.0.1:4566' };
		expect(resolve({ ...keys, ...overrides }).iotEndpoint).toBeUndefined();
		const access = resolve({ ...keys, ...overrides, customEndpoints: true });
		expect(access.iotEndpoint).toBe('http://127.0.0.1:4566');
		expect(access.managedIntegrationsEndpoint).toBe('http://127.0.0.1:4566');
	});

	it('wraps the identity in assume-role when a role ARN is set', () => {
		const access = resolve({ ...keys, roleArn: 'arn:aws:iam::123456789012:role/reader' });
		expect(typeof access.createIdentity()).toBe('function');
	});
});
