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

export const runOptionFields: INodeProperties[] = [
	{
		displayName: 'Include Raw Response',
		name: 'includeRawResponse',
		type: 'boolean',
		default: false,
		description: 'Whether to add the untouched AWS response under "raw"',
	},
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 200 },
		default: 10,
		description: 'How many AWS requests may be in flight at once when many items come in',
	},
	{
		displayName: 'Max Requests per Second',
		name: 'maxRequestsPerSecond',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 100,
		description:
			'Cap on AWS requests started per second, retries included, so a big batch stays under the account quota (GetThingConnectivityData: 350/s by default, shared by every caller in the account and region). 0 = no cap.',
	},
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: 5,
		description: 'Attempts per request, the first included. Throttling, 5xx and network errors are retried with backoff (AWS SDK standard retry mode).',
	},
	{
		displayName: 'Request Timeout (Ms)',
		name: 'requestTimeoutMs',
		type: 'number',
		typeOptions: { minValue: 100 },
		default: 10000,
		description: 'Time limit for one attempt, in milliseconds',
	},
];

/** The defaults as the fields declare them: one place, the description users see. */
export const RUN_OPTION_DEFAULTS = Object.fromEntries(
	runOptionFields.map((field) => [field.name, field.default]),
) as unknown as RunOptions;

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
