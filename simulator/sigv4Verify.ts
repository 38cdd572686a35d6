import { createHash, timingSafeEqual } from 'crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import type { CredentialStore } from './credentialStore';
import { SimulatorError } from './errors';
import { NodeSha256 } from './nodeSha256';

/** A request as it arrived, before any decoding of the path. */
export interface ReceivedRequest {
	method: string;
	/** Path exactly as on the wire (still percent-encoded), without the query. */
	rawPath: string;
	/** Decoded query parameters; repeated keys become arrays. */
	query: Record<string, string | string[]>;
	/** Lower-case names. */
	headers: Record<string, string>;
	body: Uint8Array;
}

export interface VerifiedCaller {
	accessKeyId: string;
	temporary: boolean;
}

export interface ParsedAuthorization {
	accessKeyId: string;
	scopeDate: string;
	region: string;
	service: string;
	signedHeaders: string[];
	signature: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/**
 * Checks a SigV4 Authorization header the way AWS's front end does, in the same order of
 * complaints, then recomputes the signature over the received request with the known secret.
 * `nowMs` is the real clock: signing dates and token expiry are wall-clock facts.
 */
export async function verifySigV4(
	request: ReceivedRequest,
	expected: { service: string; region: string },
	store: CredentialStore,
	nowMs = Date.now(),
): Promise<VerifiedCaller> {
	const header = request.headers.authorization;
	if (header === undefined || header === '') {
		throw new SimulatorError('MissingAuthenticationTokenException', 403, 'Missing Authentication Token');
	}
	const auth = parseAuthorization(header);
	const known = store.lookup(auth.accessKeyId);
	if (known === undefined) throw invalidToken();
	if (auth.service !== expected.service) {
		throw new SimulatorError('InvalidSignatureException', 403, `Credential should be scoped to correct service: '${expected.service}'.`);
	}
	if (auth.region !== expected.region) {
		throw new SimulatorError('InvalidSignatureException', 403, 'Credential should be scoped to a valid region.');
	}
	if (!auth.signedHeaders.includes('host')) {
		throw new SimulatorError('IncompleteSignatureException', 403, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
	}
	const amzDate = request.headers['x-amz-date'];
	if (amzDate === undefined || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
		throw new SimulatorError('IncompleteSignatureException', 403, "Authorization header requires existence of a valid 'X-Amz-Date' header.");
	}
	if (auth.scopeDate !== amzDate.slice(0, 8)) {
		throw new SimulatorError('InvalidSignatureException', 403, `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.scopeDate}' != '${amzDate.slice(0, 8)}'`);
	}
	const signingDate = parseAmzDate(amzDate);
	if (Number.isNaN(signingDate.getTime())) {
		throw new SimulatorError('IncompleteSignatureException', 403, `'X-Amz-Date' is not a valid date: '${amzDate}'.`);
	}
	if (Math.abs(nowMs - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) {
		throw new SimulatorError('InvalidSignatureException', 403, `Signature expired: ${amzDate} is outside the 15 minute window around the server time.`);
	}

	const presentedToken = request.headers['x-amz-security-token'];
	if (presentedToken !== known.sessionToken) throw invalidToken();
	if (known.expiresAtMs !== undefined && nowMs >= known.expiresAtMs) {
		throw new SimulatorError('ExpiredTokenException', 403, 'The security token included in the request is expired');
	}

	const contentSha = request.headers['x-amz-content-sha256'];
	if (contentSha !== undefined && auth.signedHeaders.includes('x-amz-content-sha256') && contentSha !== UNSIGNED_PAYLOAD) {
		const actual = createHash('sha256').update(request.body).digest('hex');
		if (actual !== contentSha.toLowerCase()) {
			throw new SimulatorError('InvalidSignatureException', 403, "The provided 'x-amz-content-sha256' header does not match what was computed.");
		}
	}

	const expectedSignature = await computeSignature(request, auth, {
		accessKeyId: auth.accessKeyId,
		secretAccessKey: known.secretAccessKey,
		// Only hand the token to the signer if the client signed it, else it would be signed here too.
		sessionToken: auth.signedHeaders.includes('x-amz-security-token') ? known.sessionToken : undefined,
	}, signingDate);
	if (!sameHex(expectedSignature, auth.signature)) {
		throw new SimulatorError(
			'InvalidSignatureException',
			403,
			'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
		);
	}
	return { accessKeyId: auth.accessKeyId, temporary: known.sessionToken !== undefined };
}

export function parseAuthorization(header: string): ParsedAuthorization {
	const incomplete = (message: string) => new SimulatorError('IncompleteSignatureException', 403, message);
	const trimmed = header.trim();
	if (!trimmed.startsWith(`${ALGORITHM} `)) {
		throw incomplete(`Authorization header must use the ${ALGORITHM} algorithm: '${trimmed.split(' ')[0]}' given.`);
	}
	const parts = new Map<string, string>();
	for (const piece of trimmed.slice(ALGORITHM.length).split(',')) {
		const equals = piece.indexOf('=');
		if (equals < 0) continue;
		parts.set(piece.slice(0, equals).trim(), piece.slice(equals + 1).trim());
	}
	const credential = parts.get('Credential');
	const signedHeaders = parts.get('SignedHeaders');
	const signature = parts.get('Signature');
	if (credential === undefined || signedHeaders === undefined || signature === undefined) {
		throw incomplete("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
	}
	const scope = credential.split('/');
	if (scope.length !== 5 || scope[4] !== 'aws4_request' || scope.some((item) => item === '')) {
		throw incomplete(`Credential should be of the form AKID/YYYYMMDD/region/service/aws4_request: '${credential}'.`);
	}
	const [accessKeyId, scopeDate, region, service] = scope;
	return {
		accessKeyId,
		scopeDate,
		region,
		service,
		signedHeaders: signedHeaders.split(';').map((name) => name.trim().toLowerCase()).filter((name) => name !== ''),
		signature: signature.toLowerCase(),
	};
}

/**
 * Re-signs the request as received with @smithy/signature-v4. The raw (already encoded) path is
 * handed over unchanged: like the SDK for every service but S3, the signer encodes it once more.
 */
async function computeSignature(
	request: ReceivedRequest,
	auth: ParsedAuthorization,
	credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
	signingDate: Date,
): Promise<string> {
	const headers: Record<string, string> = {};
	for (const name of auth.signedHeaders) {
		// The signer writes these two itself (x-amz-date from signingDate, the token from credentials).
		if (name === 'x-amz-date' || name === 'x-amz-security-token' || name === 'authorization') continue;
		const value = request.headers[name];
		if (value !== undefined) headers[name] = value;
	}
	const [hostname, port] = splitHost(request.headers.host ?? '127.0.0.1');
	// A plain object is enough: the signer clones whatever request-shaped value it gets.
	const toSign: HttpRequest = {
		method: request.method,
		protocol: 'http:',
		hostname,
		port,
		path: request.rawPath,
		query: request.query,
		headers,
		body: request.body.length > 0 ? request.body : undefined,
	};
	const signed = await signerFor(credentials, auth).sign(toSign, {
		signingDate,
		signingRegion: auth.region,
		signingService: auth.service,
		signableHeaders: new Set(auth.signedHeaders),
	});
	const authorization = signed.headers.authorization ?? '';
	return /Signature=([0-9a-f]+)/.exec(authorization)?.[1] ?? '';
}

/** Signers are kept per key and scope: each caches its derived signing keys, the costly part. */
const signers = new Map<string, SignatureV4>();
const MAX_CACHED_SIGNERS = 256;

function signerFor(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, auth: ParsedAuthorization): SignatureV4 {
	const key = [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken ?? '', auth.region, auth.service].join('\n');
	let signer = signers.get(key);
	if (signer === undefined) {
		if (signers.size >= MAX_CACHED_SIGNERS) signers.clear();
		signer = new SignatureV4({
			credentials,
			region: auth.region,
			service: auth.service,
			sha256: NodeSha256,
			uriEscapePath: true,
			// Without this the signer would add (and sign) x-amz-content-sha256 the client may not have sent.
			applyChecksum: false,
		});
		signers.set(key, signer);
	}
	return signer;
}

function parseAmzDate(amzDate: string): Date {
	const iso = `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`;
	return new Date(iso);
}

function splitHost(host: string): [string, number | undefined] {
	const match = /^(.*):(\d+)$/.exec(host);
	return match ? [match[1], Number(match[2])] : [host, undefined];
}

function sameHex(a: string, b: string): boolean {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	return left.length === right.length && timingSafeEqual(left, right);
}

function invalidToken(): SimulatorError {
	return new SimulatorError('UnrecognizedClientException', 403, 'The security token included in the request is invalid.');
}
