/**
 * The per-item pipeline all three operations share: read and validate every item first (so a bad
 * item fails before any AWS call), then call AWS with bounded concurrency and a rate cap, keep
 * input order, pair every output to its input, and honour continueOnFail item by item.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ConnectivityClients } from '../../shared/awsClients';
import { createConnectivityClients } from '../../shared/awsClients';
import { CREDENTIAL_TYPE, CredentialConfigurationError, readConnectivityCredentials, resolveAwsAccess } from '../../shared/awsCredentials';
import type { AwsCallContext, AwsOperation } from '../../shared/awsErrors';
import { describeAwsError, formatAwsError, toNodeApiError } from '../../shared/awsErrors';
import type { ConnectivityRecord, ConnectivitySource, NormalizeOptions } from '../../shared/connectivityRecord';
import type { RuleViolation } from '../../shared/identifiers';
import { mapWithConcurrency, sharedPacer } from '../../shared/throughput';
import type { RunOptions } from './common.descriptions';
import { readRunOptions } from './common.descriptions';

/** What one operation contributes to the pipeline. */
export interface LookupOperation<Request> {
	awsOperation: AwsOperation;
	source: ConnectivitySource;
	/** The item's parameters, unvalidated. */
	readRequest(context: IExecuteFunctions, itemIndex: number): Request;
	/** The field, value and rule that is broken, or null. */
	validate(request: Request): RuleViolation | null;
	/** The item's identifiers, echoed on error items so a failure can be traced to its device. */
	identify(request: Request): IDataObject;
	/** The thing name, identifier or query, for messages. */
	subject(request: Request): string;
	lookup(clients: ConnectivityClients, request: Request, normalizeOptions: NormalizeOptions): Promise<ConnectivityRecord[]>;
}

type ItemOutcome = { records: ConnectivityRecord[] } | { failure: IDataObject };

export async function createClientsFromCredential(
	context: IExecuteFunctions,
	runOptions: RunOptions,
	awsOperation: AwsOperation,
): Promise<ConnectivityClients> {
	const credentialData = await context.getCredentials(CREDENTIAL_TYPE);
	try {
		const access = resolveAwsAccess(readConnectivityCredentials(credentialData));
		return createConnectivityClients(access, {
			maxAttempts: runOptions.maxAttempts,
			maxSockets: runOptions.concurrency,
			requestTimeoutMs: runOptions.requestTimeoutMs,
			pacer: sharedPacer(`${access.identityLabel}|${awsOperation}`, runOptions.maxRequestsPerSecond),
		});
	} catch (error) {
		if (error instanceof CredentialConfigurationError) {
			throw new NodeOperationError(context.getNode(), error.message, {
				description: 'Open the "AWS IoT Connectivity API" credential and fix the field named above.',
			});
		}
		throw error;
	}
}

export async function executeLookups<Request>(
	context: IExecuteFunctions,
	operation: LookupOperation<Request>,
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const runOptions = readRunOptions(context);
	const continueOnFail = context.continueOnFail();

	// Phase 1: every item's request, validated before anything is sent.
	const requests: Array<{ request: Request; invalid?: IDataObject }> = items.map((_item, itemIndex) => {
		const request = operation.readRequest(context, itemIndex);
		const broken = operation.validate(request);
		if (!broken) return { request };
		const message = `Invalid ${broken.field} in item ${itemIndex}: ${broken.problem} (must be ${broken.rule})`;
		const hint = `Fix the ${broken.field} value, or the expression that produces it, for item ${itemIndex}.`;
		if (!continueOnFail) throw new NodeOperationError(context.getNode(), message, { itemIndex, description: hint });
		return {
			request,
			invalid: { source: operation.source, ...operation.identify(request), error: message, errorCode: 'InvalidInput', errorHint: hint },
		};
	});

	const clients = await createClientsFromCredential(context, runOptions, operation.awsOperation);
	const normalizeOptions: NormalizeOptions = { includeRaw: runOptions.includeRawResponse };

	// Phase 2: AWS calls, bounded and paced; results come back in input order.
	let outcomes: ItemOutcome[];
	try {
		outcomes = await mapWithConcurrency(requests, runOptions.concurrency, async ({ request, invalid }, itemIndex) => {
			if (invalid) return { failure: invalid };
			try {
				return { records: await operation.lookup(clients, request, normalizeOptions) };
			} catch (error) {
				const callContext: AwsCallContext = {
					operation: operation.awsOperation,
					region: clients.region,
					subject: operation.subject(request),
				};
				const description = describeAwsError(error, callContext);
				if (!continueOnFail) throw toNodeApiError(context.getNode(), description, callContext, itemIndex);
				return {
					failure: {
						source: operation.source,
						...operation.identify(request),
						error: formatAwsError(description),
						errorCode: description.code,
						...(description.httpStatusCode ? { httpStatusCode: description.httpStatusCode } : {}),
						errorHint: description.hint,
					},
				};
			}
		});
	} finally {
		clients.destroy();
	}

	const output: INodeExecutionData[] = [];
	outcomes.forEach((outcome, itemIndex) => {
		const pairedItem = { item: itemIndex };
		if ('failure' in outcome) {
			output.push({ json: outcome.failure, pairedItem });
			return;
		}
		for (const record of outcome.records) output.push({ json: record as unknown as IDataObject, pairedItem });
	});
	return [output];
}
