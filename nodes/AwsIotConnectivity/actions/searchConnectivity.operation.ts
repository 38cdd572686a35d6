import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { searchFleetConnectivity } from '../../shared/connectivityLookups';
import type { LookupOperation } from './runLookups';
import { executeLookups } from './runLookups';

const showFor = { operation: ['searchConnectivity'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Query',
		name: 'queryString',
		type: 'string',
		required: true,
		default: 'connectivity.connected:false',
		placeholder: 'connectivity.connected:false AND thingGroupNames:plant-7',
		description:
			'Fleet-index query (AWS IoT fleet indexing syntax, at most 12 terms), e.g. connectivity.disconnectReason:AUTH_ERROR. Needs thing connectivity indexing turned on. Outputs one item per matching thing.',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...showFor, returnAll: [false] } },
	},
];

interface SearchRequest {
	queryString: unknown;
	limit: number | undefined;
	indexName: string;
}

const lookup: LookupOperation<SearchRequest> = {
	awsOperation: 'SearchIndex',
	source: 'fleetIndex',
	readRequest: (context, itemIndex) => ({
		queryString: context.getNodeParameter('queryString', itemIndex),
		limit: context.getNodeParameter('returnAll', itemIndex, false) === true ? undefined : (context.getNodeParameter('limit', itemIndex, 50) as number),
		indexName: context.getNodeParameter('options.indexName', itemIndex, '') as string,
	}),
	validate: (request) => {
		if (typeof request.queryString !== 'string' || request.queryString.trim() === '') {
			return {
				field: 'Query',
				problem: `${JSON.stringify(request.queryString)} — the query is empty`,
				rule: 'a fleet-index query such as connectivity.connected:false',
			};
		}
		if (request.limit !== undefined && (!Number.isInteger(request.limit) || request.limit < 1)) {
			return { field: 'Limit', problem: `${JSON.stringify(request.limit)} is not a whole number ≥ 1`, rule: 'a whole number of at least 1' };
		}
		return null;
	},
	identify: (request) => ({ queryString: request.queryString as string }),
	subject: (request) => String(request.queryString),
	lookup: async (clients, request, normalizeOptions) =>
		await searchFleetConnectivity(clients, (request.queryString as string).trim(), {
			...normalizeOptions,
			limit: request.limit,
			indexName: request.indexName || undefined,
		}),
};

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executeLookups(this, lookup);
}
