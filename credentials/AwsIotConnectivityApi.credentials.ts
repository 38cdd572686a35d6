import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Fields only. Which identity these fields produce (keys, host chain, assume-role) is decided in
 * nodes/shared/awsCredentials.ts; the test that calls AWS is the node's `awsIotConnectivityApiTest`.
 */
export class AwsIotConnectivityApi implements ICredentialType {
	name = 'awsIotConnectivityApi';

	displayName = 'AWS IoT Connectivity API';

	icon: Icon = 'file:awsIotConnectivity.svg';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-aws-iot-connectivity#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'string',
			default: 'us-east-1',
			required: true,
			placeholder: 'us-east-1',
			description: 'AWS region of your devices, e.g. us-east-1 or eu-central-1',
		},
		{
			displayName: 'Credential Source',
			name: 'credentialSource',
			type: 'options',
			options: [
				{
					name: 'Access Keys',
					value: 'accessKeys',
					description: 'An IAM access key pair, optionally with a session token',
				},
				{
					name: 'Host Identity (Default Chain)',
					value: 'defaultChain',
					description:
						"The n8n server's own AWS identity: environment, EKS IRSA/web identity, ECS or EC2 role. Needs the admin setting N8N_AWS_SYSTEM_CREDENTIALS_ACCESS_ENABLED=true.",
				},
			],
			default: 'accessKeys',
		},
		{
			displayName: 'Access Key ID',
			name: 'accessKeyId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { credentialSource: ['accessKeys'] } },
		},
		{
			displayName: 'Secret Access Key',
			name: 'secretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { credentialSource: ['accessKeys'] } },
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for temporary credentials (access key IDs starting with ASIA)',
			displayOptions: { show: { credentialSource: ['accessKeys'] } },
		},
		{
			displayName: 'Role ARN',
			name: 'roleArn',
			type: 'string',
			default: '',
			placeholder: 'arn:aws:iam::123456789012:role/iot-connectivity-reader',
			description: 'Optional. Assume this IAM role on top of the identity above (for cross-account or least-privilege access). Leave empty to use the identity directly.',
		},
		{
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: "Optional. The external ID the role's trust policy requires",
			displayOptions: { hide: { roleArn: [''] } },
		},
		{
			displayName: 'Role Session Name',
			name: 'roleSessionName',
			type: 'string',
			default: 'n8n-iot-connectivity',
			description: 'Shown in CloudTrail for calls made with the assumed role',
			displayOptions: { hide: { roleArn: [''] } },
		},
		{
			displayName: 'Custom Endpoints',
			name: 'customEndpoints',
			type: 'boolean',
			default: false,
			description: 'Whether to override the AWS endpoints (VPC interface endpoints, FIPS, or a local simulator)',
		},
		{
			displayName: 'IoT Endpoint',
			name: 'iotEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://iot.us-east-1.amazonaws.com',
			description: 'Control-plane endpoint of AWS IoT (not the ATS data endpoint). Leave empty for the regional default.',
			displayOptions: { show: { customEndpoints: [true] } },
		},
		{
			displayName: 'Managed Integrations Endpoint',
			name: 'managedIntegrationsEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://api.iotmanagedintegrations.us-east-1.api.aws',
			description: 'Leave empty for the regional default',
			displayOptions: { show: { customEndpoints: [true] } },
		},
		{
			displayName: 'STS Endpoint',
			name: 'stsEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://sts.us-east-1.amazonaws.com',
			description: 'Used only to assume the role. Leave empty for the regional default.',
			displayOptions: { show: { customEndpoints: [true] } },
		},
	];
}
