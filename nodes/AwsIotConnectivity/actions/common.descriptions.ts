/**
 * Options every operation shares: how the result is shaped and how fast AWS is called.
 * Read once per execution (from the first item): they tune the run, not a single item.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export interface RunOptions {
	includeRawResponse: boolean;
	concurrency: number;
	maxRequestsPerSecond: number;
	maxAttempts: number;
	requestTimeoutMs: number;
}

export const RUN_OPTION_DEFAULTS: RunOptions = {
	includeRawResponse: false,
	concurrency: 10,
	maxRequestsPerSecond: 100,
	maxAttempts: 5,
	requestTimeoutMs: 10_000,
};

export const runOptionFields: INodeProperties[] = [
	{
		displayName: 'Include Raw Response',
		name: 'includeRawResponse',
		type: 'boolean',
		default: RUN_OPTION_DEFAULTS.includeRawResponse,
		description: 'Whether to add the untouched AWS response under "raw"',
	},
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 200 },
		default: RUN_OPTION_DEFAULTS.concurrency,
		description: 'How many AWS requests may be in flight at once when many items come in',
	},
	{
		displayName: 'Max Requests per Second',
		name: 'maxRequestsPerSecond',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: RUN_OPTION_DEFAULTS.maxRequestsPerSecond,
		description:
			'Cap on AWS requests started per second, retries included, so a big batch stays under the account quota (GetThingConnectivityData: 350/s by default, shared by every caller in the account and region). 0 = no cap.',
	},
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: RUN_OPTION_DEFAULTS.maxAttempts,
		description: 'Attempts per request, the first included. Throttling, 5xx and network errors are retried with backoff (AWS SDK standard retry mode).',
	},
	{
		displayName: 'Request Timeout (Ms)',
		name: 'requestTimeoutMs',
		type: 'number',
		typeOptions: { minValue: 100 },
		default: RUN_OPTION_DEFAULTS.requestTimeoutMs,
		description: 'Time limit for one attempt, in milliseconds',
	},
];

function positiveInteger(
	context: IExecuteFunctions,
	options: IDataObject,
	field: keyof RunOptions,
	displayName: string,
	minimum: number,
): number {
	const value = options[field] ?? RUN_OPTION_DEFAULTS[field];
	if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum) {
		throw new NodeOperationError(
			context.getNode(),
			`Option "${displayName}" must be a number of at least ${minimum}, got ${JSON.stringify(value)}.`,
			{ description: `Set "${displayName}" in the node's Options to a whole number ≥ ${minimum}, or remove it to use the default (${String(RUN_OPTION_DEFAULTS[field])}).` },
		);
	}
	return Math.floor(value);
}

export function readRunOptions(context: IExecuteFunctions): RunOptions {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		includeRawResponse: options.includeRawResponse === true,
		concurrency: positiveInteger(context, options, 'concurrency', 'Concurrency', 1),
		maxRequestsPerSecond: positiveInteger(context, options, 'maxRequestsPerSecond', 'Max Requests per Second', 0),
		maxAttempts: positiveInteger(context, options, 'maxAttempts', 'Max Attempts', 1),
		requestTimeoutMs: positiveInteger(context, options, 'requestTimeoutMs', 'Request Timeout (Ms)', 100),
	};
}
