/**
 * The AWS clients every node uses, built from one resolved credential: the IoT SDK client and the
 * Managed Integrations client, sharing one HTTP agent, one retry budget setting and one request
 * pacer. Nodes never construct SDK clients themselves.
 */
import { IoTClient } from '@aws-sdk/client-iot';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { FinalizeHandler, FinalizeRequestMiddleware, MetadataBearer } from '@smithy/types';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

import type { ResolvedAwsAccess } from './awsCredentials';
import { IoTManagedIntegrationsClient } from './managedIntegrations';
import type { RequestPacer } from './throughput';
import { UNPACED } from './throughput';

export interface ClientTuning {
	/** Attempts per call, first one included (the SDK's maxAttempts). */
	maxAttempts: number;
	/** Sockets kept open to each endpoint; match the concurrency. */
	maxSockets: number;
	/** Per-attempt time limit in ms. */
	requestTimeoutMs: number;
	pacer: RequestPacer;
}

export const DEFAULT_CLIENT_TUNING: ClientTuning = {
	maxAttempts: 5,
	maxSockets: 50,
	requestTimeoutMs: 10_000,
	pacer: UNPACED,
};

export interface ConnectivityClients {
	region: string;
	iot: IoTClient;
	managedIntegrations: IoTManagedIntegrationsClient;
	destroy(): void;
}

/** Takes a pacer slot before every attempt: placed after the retry middleware, so retries pay too. */
function pacingMiddleware(pacer: RequestPacer): FinalizeRequestMiddleware<object, MetadataBearer> {
	return (next: FinalizeHandler<object, MetadataBearer>) => async (args) => {
		await pacer.waitForSlot();
		return await next(args);
	};
}

export function createConnectivityClients(access: ResolvedAwsAccess, tuning: Partial<ClientTuning> = {}): ConnectivityClients {
	const settings: ClientTuning = { ...DEFAULT_CLIENT_TUNING, ...tuning };
	const agentOptions = { keepAlive: true, maxSockets: settings.maxSockets };
	const requestHandler = new NodeHttpHandler({
		httpAgent: new HttpAgent(agentOptions),
		httpsAgent: new HttpsAgent(agentOptions),
		requestTimeout: settings.requestTimeoutMs,
		// Without this the handler only logs a warning at the timeout and keeps waiting.
		throwOnRequestTimeout: true,
		connectionTimeout: Math.min(settings.requestTimeoutMs, 5_000),
	});

	const credentials = access.createIdentity(requestHandler);
	const iot = new IoTClient({
		region: access.region,
		credentials,
		...(access.iotEndpoint ? { endpoint: access.iotEndpoint } : {}),
		maxAttempts: settings.maxAttempts,
		retryMode: 'standard',
		requestHandler,
	});
	iot.middlewareStack.addRelativeTo(pacingMiddleware(settings.pacer), {
		name: 'connectivityRequestPacer',
		relation: 'after',
		toMiddleware: 'retryMiddleware',
	});

	const managedIntegrations = new IoTManagedIntegrationsClient({
		region: access.region,
		credentials,
		endpoint: access.managedIntegrationsEndpoint,
		maxAttempts: settings.maxAttempts,
		requestHandler,
		beforeAttempt: async () => await settings.pacer.waitForSlot(),
	});

	return {
		region: access.region,
		iot,
		managedIntegrations,
		destroy() {
			iot.destroy();
			managedIntegrations.destroy();
			requestHandler.destroy();
		},
	};
}
