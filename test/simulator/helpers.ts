import { IoTClient, IoTClientConfig } from '@aws-sdk/client-iot';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import { AccessKeyPair, RunningSimulator, SIMULATOR_CREDENTIALS } from '../../simulator';
import { NodeSha256 } from '../../simulator/nodeSha256';

export const REGION = 'us-east-1';

/** A real IoT SDK client aimed at the simulator, with no retries unless asked. */
export function iotClient(sim: RunningSimulator, overrides: Partial<IoTClientConfig> = {}): IoTClient {
	return new IoTClient({
		endpoint: sim.url,
		region: REGION,
		credentials: { ...SIMULATOR_CREDENTIALS },
		maxAttempts: 1,
		...overrides,
	});
}

export interface SignedCall {
	method: string;
	path: string;
	query?: Record<string, string>;
	body?: string;
	headers?: Record<string, string>;
	service?: string;
	region?: string;
	credentials?: AccessKeyPair & { sessionToken?: string };
	signingDate?: Date;
}

export interface RawAnswer {
	status: number;
	headers: Headers;
	text: string;
	json(): Record<string, unknown>;
}

/**
 * Signs a request with @smithy/signature-v4 the way a hand-built client does (default options, so
 * x-amz-content-sha256 is added and signed) and sends it with fetch. fetch sets Host itself (to the same host:port that was signed).
 */
export async function signedFetch(sim: RunningSimulator, call: SignedCall): Promise<RawAnswer> {
	const url = new URL(sim.url);
	const request: HttpRequest = {
		method: call.method,
		protocol: 'http:',
		hostname: url.hostname,
		port: Number(url.port),
		path: call.path,
		query: call.query ?? {},
		headers: { host: url.host, ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}), ...call.headers },
		body: call.body,
	};
	const signer = new SignatureV4({
		service: call.service ?? 'iotmanagedintegrations',
		region: call.region ?? REGION,
		credentials: call.credentials ?? SIMULATOR_CREDENTIALS,
		sha256: NodeSha256,
	});
	const signed = await signer.sign(request, { signingDate: call.signingDate });
	const search = new URLSearchParams(call.query ?? {}).toString().replace(/\+/g, '%20');
	const headers = Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name.toLowerCase() !== 'host'));
	return rawFetch(`${sim.url}${call.path}${search ? `?${search}` : ''}`, { method: call.method, headers, body: call.body });
}

export async function rawFetch(url: string, init: RequestInit): Promise<RawAnswer> {
	const response = await fetch(url, init);
	const text = await response.text();
	return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

/** Runs a promise expected to fail and hands back the error for assertions. */
export async function failure(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number }; Code?: string }> {
	try {
		await promise;
	} catch (error) {
		return error as Error & { $metadata?: { httpStatusCode?: number } };
	}
	throw new Error('Expected the call to fail, but it succeeded');
}
