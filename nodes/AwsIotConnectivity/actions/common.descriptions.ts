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
		typeOptions: { minValue: 1, maxValue: 200, numberPrecision: 0 },
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
			'Cap on AWS requests started per second, retries included, so a big batch stays under the account quota (GetThingConnectivityData: 350/s by default, shared by every caller in the account and region). Executions in this n8n process that use the same credential and cap share it. Fractions allowed (0.5 = one every 2 s); 0 = no cap.',
	},
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10, numberPrecision: 0 },
		default: 5,
		description: 'Attempts per request, the first included. Throttling, 5xx and network errors are retried with backoff (AWS SDK standard retry mode).',
	},
	{
		displayName: 'Request Timeout (Ms)',
		name: 'requestTimeoutMs',
		type: 'number',
		typeOptions: { minValue: 100, numberPrecision: 0 },
		default: 10000,
		description: 'Time limit for one attempt, in milliseconds',
	},
];

/** The defaults as the fields declare them: one place, the description users see. */
export const RUN_OPTION_DEFAULTS = Object.fromEntries(
	runOptionFields.map((field) => [field.name, field.default]),
) as unknown as RunOptions;

interface NumberRule {
	field: keyof RunOptions;
	displayName: string;
	minimum: number;
	/** Whole numbers only (counts, milliseconds); a rate may be fractional (0.5/s = one every 2 s). */
	whole: boolean;
}

function numberOption(context: IExecuteFunctions, options: IDataObject, rule: NumberRule): number {
	const value = options[rule.field] ?? RUN_OPTION_DEFAULTS[rule.field];
	const valid = typeof value === 'number' && Number.isFinite(value) && value >= rule.minimum && (!rule.whole || Number.isInteger(value));
	if (!valid) {
		const expected = `${rule.whole ? 'a whole number' : 'a number'} of at least ${rule.minimum}`;
		throw new NodeOperationError(context.getNode(), `Option "${rule.displayName}" must be ${expected}, got ${JSON.stringify(value)}.`, {
			description: `Set "${rule.displayName}" in the node's Options to ${expected}, or remove it to use the default (${String(RUN_OPTION_DEFAULTS[rule.field])}).`,
		});
	}
	return value;
}

export function readRunOptions(context: IExecuteFunctions): RunOptions {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		includeRawResponse: options.includeRawResponse === true,
		concurrency: numberOption(context, options, { field: 'concurrency', displayName: 'Concurrency', minimum: 1, whole: true }),
		maxRequestsPerSecond: numberOption(context, options, { field: 'maxRequestsPerSecond', displayName: 'Max Requests per Second', minimum: 0, whole: false }),
		maxAttempts: numberOption(context, options, { field: 'maxAttempts', displayName: 'Max Attempts', minimum: 1, whole: true }),
		requestTimeoutMs: numberOption(context, options, { field: 'requestTimeoutMs', displayName: 'Request Timeout (Ms)', minimum: 100, whole: true }),
	};
}
