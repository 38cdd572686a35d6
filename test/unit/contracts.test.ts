/**
 * Names other tools and workflows depend on: node, operations, parameters, credential fields.
 * Renaming any of these breaks saved workflows, so a rename must fail here first.
 */
import type { INodeProperties } from 'n8n-workflow';

import { AwsIotConnectivityApi } from '../../credentials/AwsIotConnectivityApi.credentials';
import { AwsIotConnectivity } from '../../nodes/AwsIotConnectivity/AwsIotConnectivity.node';

const node = new AwsIotConnectivity();
const credential = new AwsIotConnectivityApi();
const property = (properties: INodeProperties[], name: string) => properties.find((candidate) => candidate.name === name);

describe('node awsIotConnectivity', () => {
	it('is named and usable as an AI tool', () => {
		expect(node.description).toMatchObject({ name: 'awsIotConnectivity', displayName: 'AWS IoT Connectivity', usableAsTool: true, version: 1 });
		expect(node.description.subtitle).toContain('$parameter["operation"]');
		expect(node.description.credentials).toEqual([expect.objectContaining({ name: 'awsIotConnectivityApi', required: true, testedBy: 'awsIotConnectivityApiTest' })]);
		expect(node.methods.credentialTest.awsIotConnectivityApiTest).toBeInstanceOf(Function);
	});

	it('has the three operations with their display names', () => {
		const operation = property(node.description.properties, 'operation');
		expect(operation?.options).toEqual([
			expect.objectContaining({ value: 'getThingConnectivity', name: 'Get Thing Connectivity' }),
			expect.objectContaining({ value: 'getManagedThingConnectivity', name: 'Get Managed Thing Connectivity' }),
			expect.objectContaining({ value: 'searchConnectivity', name: 'Search Fleet Connectivity' }),
		]);
	});

	it.each([
		['thingName', 'getThingConnectivity'],
		['identifier', 'getManagedThingConnectivity'],
		['queryString', 'searchConnectivity'],
		['returnAll', 'searchConnectivity'],
		['limit', 'searchConnectivity'],
	])('parameter %s belongs to %s', (name, operation) => {
		expect(property(node.description.properties, name)?.displayOptions?.show?.operation).toEqual([operation]);
	});

	it('offers includeSocketInformation and includeRawResponse options', () => {
		const optionNames = (property(node.description.properties, 'options')?.options as INodeProperties[]).map((option) => option.name);
		expect(optionNames).toEqual(expect.arrayContaining(['includeSocketInformation', 'includeRawResponse', 'concurrency', 'maxRequestsPerSecond', 'maxAttempts', 'requestTimeoutMs']));
	});
});

describe('credential awsIotConnectivityApi', () => {
	it('is named', () => {
		expect(credential).toMatchObject({ name: 'awsIotConnectivityApi', displayName: 'AWS IoT Connectivity API' });
	});

	it('has every field the issue names', () => {
		expect(credential.properties.map((field) => field.name)).toEqual(
			expect.arrayContaining([
				'region',
				'credentialSource',
				'accessKeyId',
				'secretAccessKey',
				'sessionToken',
				'roleArn',
				'externalId',
				'roleSessionName',
				'iotEndpoint',
				'managedIntegrationsEndpoint',
				'stsEndpoint',
			]),
		);
		expect(property(credential.properties, 'credentialSource')?.options).toEqual([
			expect.objectContaining({ value: 'accessKeys' }),
			expect.objectContaining({ value: 'defaultChain' }),
		]);
		expect(property(credential.properties, 'credentialSource')?.default).toBe('accessKeys');
	});

	it.each(['secretAccessKey', 'sessionToken', 'externalId'])('masks %s', (name) => {
		expect(property(credential.properties, name)?.typeOptions?.password).toBe(true);
	});
});
