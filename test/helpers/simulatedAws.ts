/** Starts the simulated AWS endpoint and gives the credential fields that point the node at it. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { Fleet, RunningSimulator, SimulatorOptions } from '../../simulator';
import { SIMULATOR_CREDENTIALS, startSimulator } from '../../simulator';

export const TEST_REGION = 'us-east-1';

export async function startSimulatedAws(fleet: Fleet, options: Omit<SimulatorOptions, 'fleet'> = {}): Promise<RunningSimulator> {
	return await startSimulator({ region: TEST_REGION, ...options, fleet });
}

/** The AWS IoT Connectivity credential's fields, pointed at a running simulator. */
export function simulatorCredentials(
	simulator: Pick<RunningSimulator, 'url'>,
	overrides: Record<string, unknown> = {},
): ICredentialDataDecryptedObject {
	return {
		region: TEST_REGION,
		credentialSource: 'accessKeys',
		accessKeyId: SIMULATOR_CREDENTIALS.accessKeyId,
		secretAccessKey: SIMULATOR_CREDENTIALS.secretAccessKey,
		sessionToken: '',
		roleArn: '',
		customEndpoints: true,
		iotEndpoint: simulator.url,
		managedIntegrationsEndpoint: simulator.url,
		stsEndpoint: simulator.url,
		...overrides,
	} as ICredentialDataDecryptedObject;
}
