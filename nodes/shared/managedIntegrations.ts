/**
 * AWS IoT Managed Integrations, the two calls we need, built from the AWS SDK's own building
 * blocks because `@aws-sdk/client-iot-managed-integrations` is not in the registry we install
 * from. The shapes (client, commands, outputs as the SDK would deserialize them, ServiceException
 * errors with $metadata) match that package: when it is available, replace this file's contents
 * with re-exports from it and nothing else changes.
 *
 * What the SDK would do and we do here with its parts: SigV4 signing (signing name
 * `iotmanagedintegrations`), restJson1 error parsing (`x-amzn-errortype` or body code, `:suffix`
 * stripped), the standard retry strategy with its error classification, epoch-seconds timestamps
 * to Date.
 */
import { Sha256 } from '@smithy/core/checksum';
import { ServiceException } from '@smithy/core/client';
import { HttpRequest, extendedEncodeURIComponent, loadRestJsonErrorCode } from '@smithy/core/protocols';
import type { HttpResponse } from '@smithy/core/protocols';
import {
	StandardRetryStrategy,
	getRetryAfterHint,
	isServerError,
	isThrottlingError,
	isTransientError,
} from '@smithy/core/retry';
import { parseEpochTimestamp } from '@smithy/core/serde';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { SignatureV4 } from '@smithy/signature-v4';
import type {
	AwsCredentialIdentity,
	AwsCredentialIdentityProvider,
	ResponseMetadata,
	RetryErrorType,
	SdkError,
} from '@smithy/types';

const SIGNING_NAME = 'iotmanagedintegrations';

export interface IoTManagedIntegrationsClientConfig {
	region: string;
	credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
	/** e.g. https://api.iotmanagedintegrations.us-east-1.api.aws */
	endpoint: string;
	maxAttempts?: number;
	requestHandler?: NodeHttpHandler;
	/** Called before every attempt, retries included (the request-rate cap). */
	beforeAttempt?: () => Promise<void>;
}

export interface GetManagedThingConnectivityDataCommandInput {
	Identifier: string;
}

export interface GetManagedThingConnectivityDataCommandOutput {
	ManagedThingId?: string;
	Connected?: boolean;
	Timestamp?: Date;
	DisconnectReason?: string;
	$metadata: ResponseMetadata;
}

export interface ListManagedThingsCommandInput {
	MaxResults?: number;
	NextToken?: string;
	ProvisioningStatusFilter?: string;
}

export interface ManagedThingSummary {
	Id?: string;
	Arn?: string;
	Name?: string;
	ProvisioningStatus?: string;
	[field: string]: unknown;
}

export interface ListManagedThingsCommandOutput {
	Items?: ManagedThingSummary[];
	NextToken?: string;
	$metadata: ResponseMetadata;
}

interface RestJsonCall<Output> {
	method: 'GET' | 'POST';
	path: string;
	query?: Record<string, string>;
	deserialize: (body: Record<string, unknown>) => Omit<Output, '$metadata'>;
}

export class GetManagedThingConnectivityDataCommand {
	constructor(readonly input: GetManagedThingConnectivityDataCommandInput) {}

	toCall(): RestJsonCall<GetManagedThingConnectivityDataCommandOutput> {
		return {
			method: 'POST',
			path: `/managed-things-connectivity-data/${extendedEncodeURIComponent(this.input.Identifier)}`,
			deserialize: (body) => ({
				ManagedThingId: optionalString(body.ManagedThingId),
				Connected: typeof body.Connected === 'boolean' ? body.Connected : undefined,
				// Epoch seconds on the wire, like the IoT API; the SDK hands out a Date.
				Timestamp: body.Timestamp === undefined || body.Timestamp === null ? undefined : parseEpochTimestamp(body.Timestamp),
				DisconnectReason: optionalString(body.DisconnectReason),
			}),
		};
	}
}

export class ListManagedThingsCommand {
	constructor(readonly input: ListManagedThingsCommandInput = {}) {}

	toCall(): RestJsonCall<ListManagedThingsCommandOutput> {
		const query: Record<string, string> = {};
		if (this.input.MaxResults !== undefined) query.MaxResults = String(this.input.MaxResults);
		if (this.input.NextToken) query.NextToken = this.input.NextToken;
		if (this.input.ProvisioningStatusFilter) query.ProvisioningStatusFilter = this.input.ProvisioningStatusFilter;
		return {
			method: 'GET',
			path: '/managed-things',
			query,
			deserialize: (body) => ({
				Items: Array.isArray(body.Items) ? (body.Items as ManagedThingSummary[]) : [],
				NextToken: optionalString(body.NextToken),
			}),
		};
	}
}

type ManagedIntegrationsCommand = GetManagedThingConnectivityDataCommand | ListManagedThingsCommand;

function optionalString(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

async function readBody(response: HttpResponse): Promise<string> {
	const body = response.body as AsyncIterable<Buffer | string> | undefined;
	if (!body || typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') return '';
	const chunks: Buffer[] = [];
	for await (const chunk of body) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
	return Buffer.concat(chunks).toString('utf8');
}

/** The body as a JSON object; undefined when it is not one (an HTML error page from a proxy, say). */
function parseJsonObject(text: string): Record<string, unknown> | undefined {
	if (!text) return {};
	try {
		const parsed: unknown = JSON.parse(text);
		return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

function responseMetadata(response: HttpResponse | undefined, attempts: number, totalRetryDelay: number): ResponseMetadata {
	return {
		httpStatusCode: response?.statusCode,
		requestId: response?.headers['x-amzn-requestid'],
		attempts,
		totalRetryDelay,
	};
}

function retryErrorType(error: SdkError): RetryErrorType {
	if (isThrottlingError(error)) return 'THROTTLING';
	if (isTransientError(error)) return 'TRANSIENT';
	if (isServerError(error)) return 'SERVER_ERROR';
	return 'CLIENT_ERROR';
}

const sleep = async (milliseconds: number) => await new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

export class IoTManagedIntegrationsClient {
	private readonly endpoint: URL;
	private readonly signer: SignatureV4;
	private readonly requestHandler: NodeHttpHandler;
	private readonly ownsRequestHandler: boolean;
	private readonly retryStrategy: StandardRetryStrategy;

	constructor(private readonly config: IoTManagedIntegrationsClientConfig) {
		this.endpoint = new URL(config.endpoint);
		this.signer = new SignatureV4({
			service: SIGNING_NAME,
			region: config.region,
			credentials: config.credentials,
			sha256: Sha256,
		});
		this.ownsRequestHandler = config.requestHandler === undefined;
		this.requestHandler = config.requestHandler ?? new NodeHttpHandler();
		this.retryStrategy = new StandardRetryStrategy(config.maxAttempts ?? 3);
	}

	async send(command: GetManagedThingConnectivityDataCommand): Promise<GetManagedThingConnectivityDataCommandOutput>;
	async send(command: ListManagedThingsCommand): Promise<ListManagedThingsCommandOutput>;
	async send(
		command: ManagedIntegrationsCommand,
	): Promise<GetManagedThingConnectivityDataCommandOutput | ListManagedThingsCommandOutput> {
		const call = command.toCall() as RestJsonCall<GetManagedThingConnectivityDataCommandOutput | ListManagedThingsCommandOutput>;
		let retryToken = await this.retryStrategy.acquireInitialRetryToken(SIGNING_NAME);
		let attempts = 0;
		let totalRetryDelay = 0;
		for (;;) {
			attempts++;
			let response: HttpResponse | undefined;
			try {
				await this.config.beforeAttempt?.();
				const signed = await this.signer.sign(this.buildRequest(call));
				({ response } = await this.requestHandler.handle(signed as HttpRequest));
				const body = parseJsonObject(await readBody(response));
				const succeeded = response.statusCode >= 200 && response.statusCode < 300;
				if (succeeded && body) {
					this.retryStrategy.recordSuccess(retryToken);
					return { ...call.deserialize(body), $metadata: responseMetadata(response, attempts, totalRetryDelay) };
				}
				throw this.serviceError(response, body ?? {}, attempts, totalRetryDelay);
			} catch (caught) {
				const error = caught as SdkError;
				try {
					retryToken = await this.retryStrategy.refreshRetryTokenForRetry(retryToken, {
						error,
						errorType: retryErrorType(error),
						retryAfterHint: response ? getRetryAfterHint(response) : undefined,
					});
				} catch {
					// No retry left (or not retryable): surface the service's error, as the SDK does.
					if (error.$metadata) Object.assign(error.$metadata, { attempts, totalRetryDelay });
					throw error;
				}
				const delay = retryToken.getRetryDelay();
				totalRetryDelay += delay;
				await sleep(delay);
			}
		}
	}

	destroy(): void {
		if (this.ownsRequestHandler) this.requestHandler.destroy();
	}

	private buildRequest(call: RestJsonCall<unknown>): HttpRequest {
		const basePath = this.endpoint.pathname.replace(/\/+$/, '');
		return new HttpRequest({
			protocol: this.endpoint.protocol,
			hostname: this.endpoint.hostname,
			port: this.endpoint.port ? Number(this.endpoint.port) : undefined,
			method: call.method,
			path: `${basePath}${call.path}`,
			query: call.query,
			headers: {
				// SigV4 signs the host header; the SDK sets it from the endpoint the same way.
				host: this.endpoint.host,
				accept: 'application/json',
				...(call.method === 'POST' ? { 'content-type': 'application/json' } : {}),
			},
			body: call.method === 'POST' ? '' : undefined,
		});
	}

	private serviceError(
		response: HttpResponse,
		body: Record<string, unknown>,
		attempts: number,
		totalRetryDelay: number,
	): ServiceException {
		const succeeded = response.statusCode >= 200 && response.statusCode < 300;
		const name = succeeded ? 'UnexpectedResponse' : (loadRestJsonErrorCode(response, body) ?? `Http${response.statusCode}Error`);
		const message = succeeded
			? `HTTP ${response.statusCode} with a body that is not JSON: check the Managed Integrations endpoint`
			: (optionalString(body.message) ?? optionalString(body.Message) ?? `HTTP ${response.statusCode}`);
		return new ServiceException({
			name,
			message,
			$fault: response.statusCode >= 500 ? 'server' : 'client',
			$metadata: responseMetadata(response, attempts, totalRetryDelay),
		});
	}
}
