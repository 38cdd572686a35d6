/**
 * One table from AWS exception name to what a user should do about it. Every node and the
 * credential test describe AWS failures through this file, so a hint is written once.
 */
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

export type AwsOperation =
	| 'GetThingConnectivityData'
	| 'GetManagedThingConnectivityData'
	| 'SearchIndex'
	| 'ListThingsInThingGroup'
	| 'ListThings'
	| 'ListManagedThings'
	| 'GetIndexingConfiguration'
	| 'AssumeRole';

const IAM_ACTION: Record<AwsOperation, string> = {
	GetThingConnectivityData: 'iot:GetThingConnectivityData',
	GetManagedThingConnectivityData: 'iotmanagedintegrations:GetManagedThingConnectivityData',
	SearchIndex: 'iot:SearchIndex',
	ListThingsInThingGroup: 'iot:ListThingsInThingGroup',
	ListThings: 'iot:ListThings',
	ListManagedThings: 'iotmanagedintegrations:ListManagedThings',
	GetIndexingConfiguration: 'iot:GetIndexingConfiguration',
	AssumeRole: 'sts:AssumeRole',
};

/** What the failing call was about: enough to make the hint concrete. */
export interface AwsCallContext {
	operation: AwsOperation;
	region: string;
	/** The thing name, managed-thing identifier, query or group the call was for. */
	subject?: string;
}

export type AwsErrorKind =
	| 'badRequest'
	| 'throttled'
	| 'notAuthorized'
	| 'badCredentials'
	| 'wrongRegion'
	| 'notFound'
	| 'indexNotReady'
	| 'awsFault'
	| 'network';

/** A failure described for people: what happened and what to do. No request data, no secrets. */
export interface AwsErrorDescription {
	kind: AwsErrorKind;
	/** AWS's exception name (ResourceNotFoundException…) or the network error code. */
	code: string;
	httpStatusCode?: number;
	/** AWS's own message, verbatim. */
	awsMessage: string;
	hint: string;
	requestId?: string;
}

type HintWriter = (context: AwsCallContext, awsMessage: string) => { kind: AwsErrorKind; hint: string };

const badRequest: HintWriter = () => ({
	kind: 'badRequest',
	hint: 'AWS rejected the request as invalid. Check the parameter values against the rule in the message.',
});

const throttled: HintWriter = () => ({
	kind: 'throttled',
	hint:
		'AWS throttled the calls even after retries: the account quota for this API is exhausted. ' +
		'Lower "Max Requests per Second" (or "Concurrency") in the node options, spread the work over time, ' +
		'or ask AWS Service Quotas for a higher limit.',
});

const notAuthorized: HintWriter = (context) => ({
	kind: 'notAuthorized',
	hint:
		context.operation === 'AssumeRole'
			? "The credential's identity may not assume the role. Allow sts:AssumeRole on the role in the identity's IAM policy, and check the role's trust policy and the External ID it requires."
			: `The AWS identity of this credential is not allowed to call ${IAM_ACTION[context.operation]}. Add "${IAM_ACTION[context.operation]}" to its IAM policy.`,
});

const notFound: HintWriter = (context) => {
	const where = `in region ${context.region}`;
	const hints: Partial<Record<AwsOperation, string>> = {
		GetThingConnectivityData: `No thing named "${context.subject ?? ''}" exists ${where}. Check the thing name and the credential's region.`,
		GetManagedThingConnectivityData: `No managed thing with identifier "${context.subject ?? ''}" exists ${where}. Check the identifier and the credential's region.`,
		ListThingsInThingGroup: `No thing group named "${context.subject ?? ''}" exists ${where}. Check the group name and the credential's region.`,
		SearchIndex: `The fleet index does not exist ${where}. Check "Index Name" (empty = AWS_Things) and that fleet indexing is turned on in this region.`,
	};
	return { kind: 'notFound', hint: hints[context.operation] ?? `The resource does not exist ${where}.` };
};

const indexNotReady: HintWriter = () => ({
	kind: 'indexNotReady',
	hint:
		'This is an account setup state, not a device state: fleet indexing with thing connectivity indexing is off or still building. ' +
		'In AWS IoT → Settings → Fleet indexing, turn on thing connectivity indexing (thingConnectivityIndexingMode=STATUS) and wait until the index is ACTIVE. ' +
		"Connectivity is only tracked for devices whose MQTT client ID equals their thing name.",
});

const awsFault: HintWriter = () => ({
	kind: 'awsFault',
	hint: 'AWS failed on its side and retries did not help. Try again later; if it persists, check the AWS Health Dashboard for the region.',
});

const badCredentials: HintWriter = () => ({
	kind: 'badCredentials',
	hint: 'AWS does not recognise these credentials. Check the Access Key ID, and for temporary keys the Session Token (it must belong to the same keys).',
});

const expiredCredentials: HintWriter = () => ({
	kind: 'badCredentials',
	hint: 'The session token has expired. Paste fresh temporary credentials, or use long-lived keys with a Role ARN so n8n renews the session itself.',
});

const signatureRejected: HintWriter = (context, awsMessage) =>
	/scoped to a valid region|region '?[a-z0-9-]+'? is wrong/i.test(awsMessage)
		? {
				kind: 'wrongRegion',
				hint: `The request was signed for region ${context.region}, which this endpoint does not serve. Set the credential's Region to the endpoint's region.`,
			}
		: /scoped to (the )?correct service/i.test(awsMessage)
			? {
					kind: 'badRequest',
					hint: 'The endpoint belongs to another AWS service. Check the endpoint overrides in the credential.',
				}
			: {
					kind: 'badCredentials',
					hint: 'The signature does not match: the Secret Access Key does not belong to the Access Key ID. Re-enter the secret.',
				};

const noCredentialsFound: HintWriter = () => ({
	kind: 'badCredentials',
	hint:
		'No AWS credentials could be loaded. With "Host Identity (Default Chain)", the n8n host has none (environment variables, EKS IRSA / web identity, ECS or EC2 role); otherwise check the credential fields.',
});

const unexpectedResponse: HintWriter = () => ({
	kind: 'awsFault',
	hint: 'The endpoint answered, but not with the data AWS sends. Check the endpoint overrides in the credential; if it is AWS itself, retry later.',
});

const missingSignature: HintWriter = () => ({
	kind: 'badRequest',
	hint: 'The endpoint answered as if the request were unsigned or the operation unknown. Check the endpoint overrides in the credential.',
});

/** Exception name (as in the service models) → hint. IoT and Managed Integrations share most names. */
const HINTS: Record<string, HintWriter> = {
	InvalidRequestException: badRequest,
	ValidationException: badRequest,
	InvalidQueryException: () => ({
		kind: 'badRequest',
		hint:
			'The fleet-index query is not valid. Use field:value terms joined by AND/OR/NOT, e.g. ' +
			'"connectivity.connected:false AND thingGroupNames:plant-7" (at most 12 terms).',
	}),
	ThrottlingException: throttled,
	Throttling: throttled,
	TooManyRequestsException: throttled,
	LimitExceededException: throttled,
	UnauthorizedException: notAuthorized,
	AccessDeniedException: notAuthorized,
	AccessDenied: notAuthorized,
	ResourceNotFoundException: notFound,
	IndexNotReadyException: indexNotReady,
	InternalFailureException: awsFault,
	InternalServerException: awsFault,
	ServiceUnavailableException: awsFault,
	UnrecognizedClientException: badCredentials,
	InvalidClientTokenId: badCredentials,
	ExpiredTokenException: expiredCredentials,
	ExpiredToken: expiredCredentials,
	InvalidSignatureException: signatureRejected,
	SignatureDoesNotMatch: signatureRejected,
	MissingAuthenticationTokenException: missingSignature,
	UnknownOperationException: missingSignature,
	CredentialsProviderError: noCredentialsFound,
	UnexpectedResponse: unexpectedResponse,
};

/** STS's own error codes: when one appears, the failing step was assuming the role, whatever the call. */
const STS_ERROR_CODES = new Set(['AccessDenied', 'RegionDisabledException', 'MalformedPolicyDocument', 'PackedPolicyTooLarge', 'ExpiredToken']);

const tlsProblem = () =>
	"The TLS certificate of the AWS endpoint was not accepted. If a proxy inspects TLS, give n8n its CA (NODE_EXTRA_CA_CERTS); otherwise check the endpoint override.";

const timedOut = () =>
	'AWS did not answer in time, even after retries. Check the network path from n8n to AWS, or raise "Request Timeout (Ms)" in the node options.';

const NETWORK_HINTS: Record<string, (context: AwsCallContext) => string> = {
	ENOTFOUND: (context) =>
		`The AWS endpoint's host name does not resolve. Check the credential's Region ("${context.region}") and any endpoint override.`,
	EAI_AGAIN: (context) =>
		`The AWS endpoint's host name could not be resolved right now. Check DNS, the Region ("${context.region}") and any endpoint override.`,
	ECONNREFUSED: () => 'Nothing is listening at the AWS endpoint. Check the endpoint override in the credential.',
	ECONNRESET: () => 'The connection to AWS was reset. Check proxies/firewalls between n8n and AWS, then retry.',
	EHOSTUNREACH: () => 'The AWS endpoint is unreachable from the n8n host. Check routing, proxies and firewalls, or the endpoint override.',
	ENETUNREACH: () => 'The n8n host has no network route to the AWS endpoint. Check routing, proxies and firewalls, or the endpoint override.',
	CERT_HAS_EXPIRED: tlsProblem,
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: tlsProblem,
	SELF_SIGNED_CERT_IN_CHAIN: tlsProblem,
	DEPTH_ZERO_SELF_SIGNED_CERT: tlsProblem,
	ERR_TLS_CERT_ALTNAME_INVALID: tlsProblem,
	ETIMEDOUT: timedOut,
	TimeoutError: timedOut,
	RequestTimeout: timedOut,
};

interface AwsLikeError {
	name?: string;
	code?: string;
	message?: string;
	$metadata?: { httpStatusCode?: number; requestId?: string };
}

function asAwsLikeError(error: unknown): AwsLikeError {
	return typeof error === 'object' && error !== null ? (error as AwsLikeError) : { message: String(error) };
}

/**
 * Some AWS front ends echo the canonical request in signature errors, and that carries the
 * session token: keep only the sentence before it.
 */
function withoutSigningDetails(message: string): string {
	const cut = message.search(/The Canonical String|The String-to-Sign|canonical request/i);
	return (cut > 0 ? message.slice(0, cut) : message).trim();
}

export function describeAwsError(error: unknown, callContext: AwsCallContext): AwsErrorDescription {
	const awsError = asAwsLikeError(error);
	const awsMessage = withoutSigningDetails(awsError.message ?? 'Unknown error');
	const context = awsError.name && STS_ERROR_CODES.has(awsError.name) ? { ...callContext, operation: 'AssumeRole' as const } : callContext;
	const httpStatusCode = awsError.$metadata?.httpStatusCode;
	const requestId = awsError.$metadata?.requestId;

	const networkCode = awsError.code && NETWORK_HINTS[awsError.code] ? awsError.code : undefined;
	const timeoutName = awsError.name && NETWORK_HINTS[awsError.name] ? awsError.name : undefined;
	const networkKey = networkCode ?? (httpStatusCode === undefined ? timeoutName : undefined);
	if (networkKey) {
		return { kind: 'network', code: networkKey, awsMessage, hint: NETWORK_HINTS[networkKey](context) };
	}

	const code = awsError.name ?? 'Error';
	const writer = HINTS[code];
	if (writer) {
		const { kind, hint } = writer(context, awsMessage);
		return { kind, code, httpStatusCode, awsMessage, hint, requestId };
	}
	// Unknown exception names still get a kind from the status code, never a silent drop.
	const fallback: HintWriter =
		httpStatusCode === 429
			? throttled
			: httpStatusCode !== undefined && httpStatusCode >= 500
				? awsFault
				: () => ({ kind: httpStatusCode === undefined ? 'network' : 'badRequest', hint: `AWS answered ${code}. See the message for details.` });
	const { kind, hint } = fallback(context, awsMessage);
	return { kind, code, httpStatusCode, awsMessage, hint, requestId };
}

/** The one-line form used in error items and the credential test. */
export function formatAwsError(description: AwsErrorDescription): string {
	const status = description.httpStatusCode ? ` (HTTP ${description.httpStatusCode})` : '';
	return `${description.code}${status}: ${description.awsMessage}`;
}

export function toNodeApiError(
	node: INode,
	description: AwsErrorDescription,
	context: AwsCallContext,
	itemIndex?: number,
): NodeApiError {
	// A clean object, not the SDK error: that one carries the raw HTTP response.
	const errorResponse: JsonObject = {
		name: description.code,
		message: description.awsMessage,
		operation: context.operation,
		region: context.region,
		...(description.requestId ? { requestId: description.requestId } : {}),
	};
	const message = `${context.operation} failed${context.subject ? ` for "${context.subject}"` : ''}: ${formatAwsError(description)}`;
	const apiError = new NodeApiError(node, errorResponse, {
		message,
		description: description.hint,
		httpCode: description.httpStatusCode ? String(description.httpStatusCode) : undefined,
		itemIndex,
	});
	// NodeApiError swaps messages containing Node error codes for generic text, and
	// "ResourceNotFoundException" contains "ENOTFOUND": keep the AWS message we built.
	apiError.message = message;
	return apiError;
}
