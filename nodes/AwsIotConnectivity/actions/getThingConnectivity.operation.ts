import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { THING_NAME_RULE, identifierText, identifierViolation } from '../../shared/identifiers';
import { getThingConnectivity } from '../../shared/connectivityLookups';
import type { LookupOperation } from './runLookups';
import { executeLookups } from './runLookups';

const showFor = { operation: ['getThingConnectivity'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Thing Name',
		name: 'thingName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'pump-station-17',
		description:
			"The AWS IoT thing to check. Connectivity is only known for devices whose MQTT client ID equals the thing name, with fleet indexing's thing connectivity indexing turned on.",
		displayOptions: { show: showFor },
	},
];

interface ThingRequest {
	thingName: unknown;
	includeSocketInformation: boolean;
}

const lookup: LookupOperation<ThingRequest> = {
	awsOperation: 'GetThingConnectivityData',
	source: 'iot',
	readRequest: (context, itemIndex) => ({
		thingName: identifierText(context.getNodeParameter('thingName', itemIndex)),
		includeSocketInformation: context.getNodeParameter('options.includeSocketInformation', itemIndex, false) === true,
	}),
	validate: (request) => identifierViolation(request.thingName, THING_NAME_RULE),
	identify: (request) => ({ thingName: request.thingName as string }),
	subject: (request) => String(request.thingName),
	lookup: async (clients, request, normalizeOptions) => [
		await getThingConnectivity(clients, request.thingName as string, {
			...normalizeOptions,
			includeSocketInformation: request.includeSocketInformation,
		}),
	],
};

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executeLookups(this, lookup);
}
