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
import { router } from './actions/router';
import { versionDescription } from './actions/versionDescription';

export class AwsIotConnectivity implements INodeType {
	description: INodeTypeDescription = versionDescription;

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
