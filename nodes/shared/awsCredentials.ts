/**
 * Turns the credential's fields into an AWS identity and endpoints. The credential file only
 * declares fields; everything that decides *which* identity to use lives here.
 */
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { doesIdentityRequireRefresh, isIdentityExpired, memoizeIdentityProvider } from '@smithy/core';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/** The credential type's name, as nodes declare it. */
export const CREDENTIAL_TYPE = 'awsIotConnectivityApi';

/** The n8n admin switch n8n's own AWS nodes honour before handing out the server's identity. */
export const SYSTEM_CREDENTIALS_SWITCH = 'N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED';

export type CredentialSource = 'accessKeys' | 'defaultChain';

export interface ConnectivityCredentials {
	region: string;
	credentialSource: CredentialSource;
	accessKeyId?: string;
	secretAccessKey?: string;
	sessionToken?: string;
	roleArn?: string;
	externalId?: string;
	roleSessionName?: string;
	customEndpoints?: boolean;
	iotEndpoint?: string;
	managedIntegrationsEndpoint?: string;
	stsEndpoint?: string;
}

export type AwsIdentity = AwsCredentialIdentity | AwsCredentialIdentityProvider;

export interface ResolvedAwsAccess {
	region: string;
	/**
	 * The identity for the clients. With a role, AssumeRole runs once and the session is reused
	 * until shortly before it expires (our hand-built signer would otherwise ask STS per request);
	 * STS calls go through the given HTTP handler so they share the clients' sockets.
	 */
	createIdentity(stsRequestHandler?: NodeHttpHandler): AwsIdentity;
	/** Who is calling, without secrets: region, key ID or host chain, role. */
	identityLabel: string;
	/** Undefined = the SDK's regional default. */
	iotEndpoint?: string;
	managedIntegrationsEndpoint: string;
	stsEndpoint?: string;
}

/** A credential that cannot work as filled in; the message names the field and the fix. */
export class CredentialConfigurationError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CredentialConfigurationError';
	}
}

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ROLE_ARN_PATTERN = /^arn:aws[a-zA-Z-]*:iam::\d{12}:role\/.+$/;
const DEFAULT_ROLE_SESSION_NAME = 'n8n-iot-connectivity';

export function managedIntegrationsDefaultEndpoint(region: string): string {
	return `https://api.iotmanagedintegrations.${region}.api.aws`;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** Reads the decrypted credential object n8n hands us, whatever shape an old save left it in. */
export function readConnectivityCredentials(data: Record<string, unknown>): ConnectivityCredentials {
	const source = text(data.credentialSource) || 'accessKeys';
	if (source !== 'accessKeys' && source !== 'defaultChain') {
		throw new CredentialConfigurationError(
			`Credential field "Credential Source" has the unknown value "${source}". Choose "Access Keys" or "Host Identity (Default Chain)".`,
		);
	}
	return {
		region: text(data.region),
		credentialSource: source,
		accessKeyId: text(data.accessKeyId),
		secretAccessKey: typeof data.secretAccessKey === 'string' ? data.secretAccessKey : '',
		sessionToken: typeof data.sessionToken === 'string' ? data.sessionToken.trim() : '',
		roleArn: text(data.roleArn),
		externalId: text(data.externalId),
		roleSessionName: text(data.roleSessionName),
		customEndpoints: data.customEndpoints === true,
		iotEndpoint: text(data.iotEndpoint),
		managedIntegrationsEndpoint: text(data.managedIntegrationsEndpoint),
		stsEndpoint: text(data.stsEndpoint),
	};
}

function endpointOverride(field: string, value: string | undefined, enabled: boolean): string | undefined {
	if (!enabled || !value) return undefined;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new CredentialConfigurationError(
			`Credential field "${field}" is not a URL: "${value}". Use a full URL such as https://vpce-123.iot.us-east-1.vpce.amazonaws.com.`,
		);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new CredentialConfigurationError(`Credential field "${field}" must start with https:// (or http:// for a local endpoint).`);
	}
	return value.replace(/\/+$/, '');
}

function baseIdentity(credentials: ConnectivityCredentials, environment: NodeJS.ProcessEnv): AwsIdentity {
	if (credentials.credentialSource === 'defaultChain') {
		if (environment[SYSTEM_CREDENTIALS_SWITCH] !== 'true') {
			throw new CredentialConfigurationError(
				`"Host Identity (Default Chain)" would give this workflow the n8n server's own AWS role, so it is off by default. ` +
					`An n8n administrator can allow it by setting ${SYSTEM_CREDENTIALS_SWITCH}=true; otherwise use "Access Keys".`,
			);
		}
		return fromNodeProviderChain();
	}
	if (!credentials.accessKeyId) {
		throw new CredentialConfigurationError('Credential field "Access Key ID" is empty. Paste the IAM access key ID (AKIA… or ASIA…).');
	}
	if (!credentials.secretAccessKey) {
		throw new CredentialConfigurationError('Credential field "Secret Access Key" is empty. Paste the secret that belongs to the access key.');
	}
	return {
		accessKeyId: credentials.accessKeyId,
		secretAccessKey: credentials.secretAccessKey,
		...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
	};
}

/** Validates the credential and builds the identity (with assume-role on top when a role is set). */
export function resolveAwsAccess(
	credentials: ConnectivityCredentials,
	environment: NodeJS.ProcessEnv = process.env,
): ResolvedAwsAccess {
	const { region } = credentials;
	if (!region) {
		throw new CredentialConfigurationError('Credential field "Region" is empty. Enter the AWS region of your devices, e.g. us-east-1.');
	}
	if (!REGION_PATTERN.test(region)) {
		throw new CredentialConfigurationError(
			`Credential field "Region" has "${region}", which is not an AWS region code. Use a code such as us-east-1 or eu-central-1.`,
		);
	}
	const customEndpoints = credentials.customEndpoints === true;
	const stsEndpoint = endpointOverride('STS Endpoint', credentials.stsEndpoint, customEndpoints);
	const sourceIdentity = baseIdentity(credentials, environment);
	const { roleArn } = credentials;
	if (roleArn && !ROLE_ARN_PATTERN.test(roleArn)) {
		throw new CredentialConfigurationError(
			`Credential field "Role ARN" has "${roleArn}", which is not an IAM role ARN. Use arn:aws:iam::<account-id>:role/<role-name>.`,
		);
	}

	const createIdentity = (stsRequestHandler?: NodeHttpHandler): AwsIdentity => {
		if (!roleArn) return typeof sourceIdentity === 'function' ? sourceIdentity : { ...sourceIdentity };
		const assumeRole = fromTemporaryCredentials({
			masterCredentials: sourceIdentity,
			params: {
				RoleArn: roleArn,
				RoleSessionName: credentials.roleSessionName || DEFAULT_ROLE_SESSION_NAME,
				...(credentials.externalId ? { ExternalId: credentials.externalId } : {}),
			},
			clientConfig: {
				region,
				...(stsEndpoint ? { endpoint: stsEndpoint } : {}),
				...(stsRequestHandler ? { requestHandler: stsRequestHandler } : {}),
			},
		});
		return memoizeIdentityProvider(assumeRole, isIdentityExpired, doesIdentityRequireRefresh) as AwsCredentialIdentityProvider;
	};

	const source = credentials.credentialSource === 'defaultChain' ? 'host' : credentials.accessKeyId;
	return {
		region,
		createIdentity,
		identityLabel: [region, source, roleArn].filter(Boolean).join('|'),
		iotEndpoint: endpointOverride('IoT Endpoint', credentials.iotEndpoint, customEndpoints),
		managedIntegrationsEndpoint:
			endpointOverride('Managed Integrations Endpoint', credentials.managedIntegrationsEndpoint, customEndpoints) ??
			managedIntegrationsDefaultEndpoint(region),
		stsEndpoint,
	};
}
