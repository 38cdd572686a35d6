/**
 * The credential test: one cheap, real read per service through the same layer the nodes use —
 * IoT GetIndexingConfiguration and Managed Integrations ListManagedThings — reported in words a
 * user can act on (wrong keys, missing permission, wrong region), plus whether thing connectivity
 * indexing, which the IoT lookups need, is on. The credential passes when either service works.
 */
import { GetIndexingConfigurationCommand } from '@aws-sdk/client-iot';

import type { ConnectivityClients } from './awsClients';
import { createConnectivityClients } from './awsClients';
import type { ResolvedAwsAccess } from './awsCredentials';
import { CredentialConfigurationError, readConnectivityCredentials, resolveAwsAccess } from './awsCredentials';
import type { AwsErrorDescription, AwsErrorKind, AwsOperation } from './awsErrors';
import { describeAwsError, formatAwsError } from './awsErrors';
import { ListManagedThingsCommand } from './managedIntegrations';

export interface CredentialTestOutcome {
	status: 'OK' | 'Error';
	message: string;
}

const KIND_HEADLINE: Record<AwsErrorKind, string> = {
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

type ProbeResult = { works: true; note: string } | { works: false; failure: AwsErrorDescription };

async function probe(access: ResolvedAwsAccess, operation: AwsOperation, read: () => Promise<string>): Promise<ProbeResult> {
	try {
		return { works: true, note: await read() };
	} catch (error) {
		return { works: false, failure: describeAwsError(error, { operation, region: access.region }) };
	}
}

const sentence = (failure: AwsErrorDescription) => `${KIND_HEADLINE[failure.kind]}: ${failure.hint} (${formatAwsError(failure)})`;

async function probeIot(clients: ConnectivityClients, access: ResolvedAwsAccess): Promise<ProbeResult> {
	return await probe(access, 'GetIndexingConfiguration', async () => {
		const configuration = await clients.iot.send(new GetIndexingConfigurationCommand({}));
		const connectivityMode = configuration.thingIndexingConfiguration?.thingConnectivityIndexingMode ?? 'OFF';
		return connectivityMode === 'STATUS'
			? 'thing connectivity indexing is on'
			: `thing connectivity indexing is ${connectivityMode}: Get Thing Connectivity and fleet search need it — turn it on in AWS IoT → Settings → Fleet indexing`;
	});
}

async function probeManagedIntegrations(clients: ConnectivityClients, access: ResolvedAwsAccess): Promise<ProbeResult> {
	return await probe(access, 'ListManagedThings', async () => {
		await clients.managedIntegrations.send(new ListManagedThingsCommand({ MaxResults: 1 }));
		return 'Managed Integrations is reachable';
	});
}

export async function testConnectivityCredentials(
	credentialData: Record<string, unknown>,
	environment: NodeJS.ProcessEnv = process.env,
): Promise<CredentialTestOutcome> {
	let access: ResolvedAwsAccess;
	try {
		access = resolveAwsAccess(readConnectivityCredentials(credentialData), environment);
	} catch (error) {
		if (error instanceof CredentialConfigurationError) return { status: 'Error', message: error.message };
		throw error;
	}
	const clients = createConnectivityClients(access, { maxAttempts: 2, requestTimeoutMs: 8_000 });
	try {
		const [iot, managed] = await Promise.all([probeIot(clients, access), probeManagedIntegrations(clients, access)]);
		if (!iot.works && !managed.works) {
			// The IoT failure leads: keys, region and network problems look the same for both services.
			const managedNote = managed.failure.kind === iot.failure.kind ? '' : ` Managed Integrations: ${sentence(managed.failure)}`;
			return { status: 'Error', message: `${sentence(iot.failure)}${managedNote}` };
		}
		const iotPart = iot.works ? `AWS IoT: ${iot.note}.` : `AWS IoT: not usable — ${sentence(iot.failure)}.`;
		const managedPart = managed.works ? `IoT Managed Integrations: reachable.` : `IoT Managed Integrations: not usable — ${sentence(managed.failure)}.`;
		return { status: 'OK', message: `Authenticated in ${access.region}. ${iotPart} ${managedPart}` };
	} finally {
		clients.destroy();
	}
}
