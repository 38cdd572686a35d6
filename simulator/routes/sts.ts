import { createHash } from 'crypto';
import { SimulatorError } from '../errors';
import { SIMULATOR_ACCOUNT_ID } from '../options';
import { escapeXml, xmlResponse } from '../wireResponses';
import { Route, RouteContext } from './route';

const STS_VERSION = '2011-06-15';
const DEFAULT_DURATION_SECONDS = 3600;

const validationError = (message: string) => new SimulatorError('ValidationError', 400, message);

/** STS AssumeRole over the awsQuery protocol: form-encoded request, XML answer. */
export const stsRoutes: Route[] = [{ operation: 'AssumeRole', method: 'POST', path: '/', service: 'sts', dataPlane: false, handle: assumeRole }];

function assumeRole({ body, roles, credentials, caller, requestId }: RouteContext) {
	const form = new URLSearchParams(body.toString('utf8'));
	const action = form.get('Action');
	if (action !== 'AssumeRole') {
		throw new SimulatorError('InvalidAction', 400, `Could not find operation ${action ?? '(none)'} for version ${form.get('Version') ?? '(none)'}`);
	}
	if (form.get('Version') !== STS_VERSION) throw validationError(`Version must be ${STS_VERSION}.`);
	const roleArn = form.get('RoleArn');
	const sessionName = form.get('RoleSessionName');
	if (roleArn === null) throw validationError("1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
	if (sessionName === null || !/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
		throw validationError("1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must have length between 2 and 64 and match pattern [\\w+=,.@-]*");
	}
	const durationText = form.get('DurationSeconds');
	const duration = durationText === null ? DEFAULT_DURATION_SECONDS : Number(durationText);
	if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
		throw validationError("1 validation error detected: Value at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200");
	}
	const role = roles.find((candidate) => candidate.roleArn === roleArn);
	// AWS gives the same answer for an unknown role and a wrong ExternalId, so callers can't probe.
	if (role === undefined || (role.externalId !== undefined && form.get('ExternalId') !== role.externalId)) {
		throw new SimulatorError(
			'AccessDenied',
			403,
			`User: arn:aws:iam::${SIMULATOR_ACCOUNT_ID}:user/simulator (${caller.accessKeyId}) is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
		);
	}

	const issued = credentials.issueTemporary(duration);
	const roleName = roleArn.split('/').pop() ?? roleArn;
	const account = roleArn.split(':')[4] || SIMULATOR_ACCOUNT_ID;
	const roleId = `AROA${createHash('sha256').update(roleArn).digest('hex').slice(0, 17).toUpperCase()}`;
	const xml =
		`<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/${STS_VERSION}/">` +
		`<AssumeRoleResult>` +
		`<AssumedRoleUser><AssumedRoleId>${roleId}:${escapeXml(sessionName)}</AssumedRoleId>` +
		`<Arn>arn:aws:sts::${account}:assumed-role/${escapeXml(roleName)}/${escapeXml(sessionName)}</Arn></AssumedRoleUser>` +
		`<Credentials>` +
		`<AccessKeyId>${issued.accessKeyId}</AccessKeyId>` +
		`<SecretAccessKey>${escapeXml(issued.secretAccessKey)}</SecretAccessKey>` +
		`<SessionToken>${escapeXml(issued.sessionToken)}</SessionToken>` +
		`<Expiration>${new Date(issued.expiresAtMs).toISOString()}</Expiration>` +
		`</Credentials>` +
		`</AssumeRoleResult>` +
		`<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
		`</AssumeRoleResponse>`;
	return xmlResponse(xml);
}
