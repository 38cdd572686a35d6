import { ServiceException } from '@smithy/core/client';

import type { AwsCallContext } from '../../nodes/shared/awsErrors';
import { describeAwsError } from '../../nodes/shared/awsErrors';
import { UnexpectedAwsResponseError } from '../../nodes/shared/connectivityLookups';

const thingCall: AwsCallContext = { operation: 'GetThingConnectivityData', region: 'eu-west-1', subject: 'pump-1' };

function awsError(name: string, httpStatusCode: number, message = 'AWS says no') {
	return new ServiceException({ name, $fault: httpStatusCode >= 500 ? 'server' : 'client', $metadata: { httpStatusCode }, message });
}

describe('describeAwsError', () => {
	it('IndexNotReady says it is a setup state and how to fix it', () => {
		const description = describeAwsError(awsError('IndexNotReadyException', 400), thingCall);
		expect(description.kind).toBe('indexNotReady');
		expect(description.hint).toContain('thing connectivity indexing');
		expect(description.hint).toContain('not a device state');
	});

	it.each(['UnauthorizedException', 'AccessDeniedException'])('%s names the IAM action', (name) => {
		expect(describeAwsError(awsError(name, 401), thingCall).hint).toContain('iot:GetThingConnectivityData');
		expect(
			describeAwsError(awsError(name, 403), { operation: 'GetManagedThingConnectivityData', region: 'eu-west-1' }).hint,
		).toContain('iotmanagedintegrations:GetManagedThingConnectivityData');
	});

	it('ResourceNotFound names the thing and the region', () => {
		const description = describeAwsError(awsError('ResourceNotFoundException', 404), thingCall);
		expect(description.hint).toContain('"pump-1"');
		expect(description.hint).toContain('eu-west-1');
	});

	it('tells wrong keys, wrong secret and wrong region apart', () => {
		expect(describeAwsError(awsError('UnrecognizedClientException', 403), thingCall).kind).toBe('badCredentials');
		expect(
			describeAwsError(awsError('InvalidSignatureException', 403, 'The request signature we calculated does not match'), thingCall).hint,
		).toContain('Secret Access Key');
		expect(
			describeAwsError(awsError('InvalidSignatureException', 403, 'Credential should be scoped to a valid region.'), thingCall).kind,
		).toBe('wrongRegion');
	});

	it('network failures point at region and endpoint', () => {
		const dnsFailure = Object.assign(new Error('getaddrinfo ENOTFOUND iot.xx-east-9.amazonaws.com'), { code: 'ENOTFOUND' });
		const description = describeAwsError(dnsFailure, thingCall);
		expect(description.kind).toBe('network');
		expect(description.hint).toContain('Region');
	});

	it('an exception nobody has seen yet still gets a kind, never dropped', () => {
		expect(describeAwsError(awsError('BrandNewException', 418), thingCall)).toMatchObject({ kind: 'badRequest', code: 'BrandNewException' });
		expect(describeAwsError(awsError('BrandNewFault', 502), thingCall).kind).toBe('awsFault');
	});

	it('a refused AssumeRole is about the role, whatever call triggered it', () => {
		const description = describeAwsError(awsError('AccessDenied', 403, 'not authorized to perform sts:AssumeRole'), thingCall);
		expect(description.kind).toBe('notAuthorized');
		expect(description.hint).toContain('trust policy');
		expect(description.hint).not.toContain('iot:GetThingConnectivityData');
	});

	it('cuts the canonical request (which carries the session token) out of signature errors', () => {
		const message = "The request signature we calculated does not match. The Canonical String for this request should have been 'POST\n/things\nx-amz-security-token:IQoJb3JpZ2luX2VjSECRET'";
		const description = describeAwsError(awsError('InvalidSignatureException', 403, message), thingCall);
		expect(description.awsMessage).toBe('The request signature we calculated does not match.');
		expect(JSON.stringify(description)).not.toContain('IQoJb3JpZ2luX2VjSECRET');
	});

	it('an unknown 429 is throttling; a credential chain that finds nothing says so', () => {
		expect(describeAwsError(awsError('SlowDown', 429), thingCall).kind).toBe('throttled');
		const noCredentials = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
		expect(describeAwsError(noCredentials, thingCall)).toMatchObject({ kind: 'badCredentials', hint: expect.stringContaining('Host Identity') });
	});

	it('a 2xx without a connectivity status gets the unexpected-response hint', () => {
		const description = describeAwsError(new UnexpectedAwsResponseError('GetThingConnectivityData', '"connected" is missing'), thingCall);
		expect(description).toMatchObject({ kind: 'awsFault', code: 'UnexpectedResponse', hint: expect.stringContaining('endpoint overrides') });
	});
});
