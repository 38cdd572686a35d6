import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { MANAGED_THING_IDENTIFIER_RULE, identifierText, identifierViolation } from '../../shared/identifiers';
import { getManagedThingConnectivity } from '../../shared/connectivityLookups';
import type { LookupOperation } from './runLookups';
import { executeLookups } from './runLookups';

export const description: INodeProperties[] = [
	{
		displayName: 'Identifier',
		name: 'identifier',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'a1b2c3d4e5f6',
		description: 'The managed thing ID in AWS IoT Managed Integrations',
		displayOptions: { show: { operation: ['getManagedThingConnectivity'] } },
	},
];

interface ManagedThingRequest {
	identifier: unknown;
}

const lookup: LookupOperation<ManagedThingRequest> = {
	awsOperation: 'GetManagedThingConnectivityData',
	source: 'managedIntegrations',
	readRequest: (context, itemIndex) => ({ identifier: identifierText(context.getNodeParameter('identifier', itemIndex)) }),
	validate: (request) => identifierViolation(request.identifier, MANAGED_THING_IDENTIFIER_RULE),
	identify: (request) => ({ managedThingId: request.identifier as string }),
	subject: (request) => String(request.identifier),
	lookup: async (clients, request, normalizeOptions) => [
		await getManagedThingConnectivity(clients, request.identifier as string, normalizeOptions),
	],
};

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executeLookups(this, lookup);
}
