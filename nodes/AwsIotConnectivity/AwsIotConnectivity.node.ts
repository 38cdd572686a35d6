import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { testConnectivityCredentials } from '../shared/credentialTest';
import { runOptionFields } from './actions/common.descriptions';
import * as getManagedThingConnectivity from './actions/getManagedThingConnectivity.operation';
import * as getThingConnectivity from './actions/getThingConnectivity.operation';
import { router } from './actions/router';
import { CREDENTIAL_TYPE } from '../shared/awsCredentials';
import * as searchConnectivity from './actions/searchConnectivity.operation';

export class AwsIotConnectivity implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AWS IoT Connectivity',
		name: 'awsIotConnectivity',
		icon: 'file:awsIotConnectivity.svg',
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {"getThingConnectivity": "Get Thing Connectivity", "getManagedThingConnectivity": "Get Managed Thing Connectivity", "searchConnectivity": "Search Fleet Connectivity"}[$parameter["operation"]] }}',
		description: 'Ask AWS IoT and IoT Managed Integrations whether devices are connected',
		defaults: { name: 'AWS IoT Connectivity' },
		usableAsTool: true,
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: CREDENTIAL_TYPE, required: true, testedBy: 'awsIotConnectivityApiTest' }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Get Thing Connectivity',
						value: 'getThingConnectivity',
						description: 'Whether an AWS IoT thing is connected (GetThingConnectivityData)',
						action: 'Get thing connectivity',
					},
					{
						name: 'Get Managed Thing Connectivity',
						value: 'getManagedThingConnectivity',
						description: 'Whether an IoT Managed Integrations device is connected (GetManagedThingConnectivityData)',
						action: 'Get managed thing connectivity',
					},
					{
						name: 'Search Fleet Connectivity',
						value: 'searchConnectivity',
						description: 'Find things by connectivity with a fleet-index query (SearchIndex)',
						action: 'Search fleet connectivity',
					},
				],
				default: 'getThingConnectivity',
			},
			...getThingConnectivity.description,
			...getManagedThingConnectivity.description,
			...searchConnectivity.description,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Socket Information',
						name: 'includeSocketInformation',
						type: 'boolean',
						default: false,
						description:
							'Whether to ask AWS for sourceIp, sourcePort, targetIp, targetPort and vpcEndpointId (returned only when socket information is enabled for the account)',
						displayOptions: { show: { '/operation': ['getThingConnectivity'] } },
					},
					{
						displayName: 'Index Name',
						name: 'indexName',
						type: 'string',
						default: '',
						placeholder: 'AWS_Things',
						description: 'Fleet index to search; empty = AWS_Things',
						displayOptions: { show: { '/operation': ['searchConnectivity'] } },
					},
					...runOptionFields,
				],
			},
		],
	};

	methods = {
		credentialTest: {
			async awsIotConnectivityApiTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				return await testConnectivityCredentials(credential.data ?? {});
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
