/**
 * The credential test: one cheap, real AWS read (GetIndexingConfiguration) through the same layer
 * the nodes use, reported in words a user can act on — wrong keys, missing permission, wrong
 * region — and whether thing connectivity indexing, which the connectivity calls need, is on.
 */
import { GetIndexingConfigurationCommand } from '@aws-sdk/client-iot';

import { createConnectivityClients } from './awsClients';
import { CredentialConfigurationError, readConnectivityCredentials, resolveAwsAccess } from './awsCredentials';
import type { AwsCallContext } from './awsErrors';
import { describeAwsError, formatAwsError } from './awsErrors';

export interface CredentialTestOutcome {
	status: 'OK' | 'Error';
	message: string;
}

const KIND_HEADLINE: Record<string, string> = {
	badCredentials: 'Wrong keys',
	notAuthorized: 'Missing permission',
	wrongRegion: 'Wrong region',
	network: 'AWS not reachable',
	throttled: 'Throttled',
	awsFault: 'AWS error',
	badRequest: 'Request rejected',
	notFound: 'Not found',
	indexNotReady: 'Fleet indexing not ready',
};

export async function testConnectivityCredentials(
	credentialData: Record<string, unknown>,
	environment: NodeJS.ProcessEnv = process.env,
): Promise<CredentialTestOutcome> {
	let access;
	try {
		access = resolveAwsAccess(readConnectivityCredentials(credentialData), environment);
	} catch (error) {
		if (error instanceof CredentialConfigurationError) return { status: 'Error', message: error.message };
		throw error;
	}
	const clients = createConnectivityClients(access, { maxAttempts: 2, requestTimeoutMs: 8_000 });
	const context: AwsCallContext = { operation: 'GetIndexingConfiguration', region: access.region };
	try {
		const configuration = await clients.iot.send(new GetIndexingConfigurationCommand({}));
		const connectivityMode = configuration.thingIndexingConfiguration?.thingConnectivityIndexingMode ?? 'OFF';
		if (connectivityMode !== 'STATUS') {
			return {
				status: 'OK',
				message:
					`Authenticated in ${access.region}, but thing connectivity indexing is ${connectivityMode}: ` +
					'Get Thing Connectivity and fleet search need it. Turn it on in AWS IoT → Settings → Fleet indexing.',
			};
		}
		return { status: 'OK', message: `Authenticated in ${access.region}; thing connectivity indexing is on.` };
	} catch (error) {
		// With a role, STS is called first; its denial is "AccessDenied" (IoT's is "AccessDeniedException").
		const deniedByRoleTrust = (error as { name?: string }).name === 'AccessDenied';
		const description = describeAwsError(error, deniedByRoleTrust ? { ...context, operation: 'AssumeRole' } : context);
		const headline = KIND_HEADLINE[description.kind] ?? 'Failed';
		return { status: 'Error', message: `${headline}: ${description.hint} (${formatAwsError(description)})` };
	} finally {
		clients.destroy();
	}
}
