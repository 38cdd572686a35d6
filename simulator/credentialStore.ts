import { randomBytes } from 'crypto';
import type { AccessKeyPair } from './options';

/** What the verifier needs to know about an access key id. */
export interface KnownCredential {
	secretAccessKey: string;
	/** Present for keys issued by AssumeRole: requests must carry it as x-amz-security-token. */
	sessionToken?: string;
	/** Real-clock epoch ms after which an issued key is refused. */
	expiresAtMs?: number;
}

export interface IssuedCredentials {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken: string;
	expiresAtMs: number;
}

/** Long-term keys from the options plus the temporary keys STS has handed out. */
export class CredentialStore {
	private readonly known = new Map<string, KnownCredential>();

	constructor(longTermKeys: readonly AccessKeyPair[]) {
		for (const key of longTermKeys) this.known.set(key.accessKeyId, { secretAccessKey: key.secretAccessKey });
	}

	lookup(accessKeyId: string): KnownCredential | undefined {
		return this.known.get(accessKeyId);
	}

	issueTemporary(durationSeconds: number, nowMs = Date.now()): IssuedCredentials {
		const issued: IssuedCredentials = {
			// ASIA marks temporary keys, as in AWS.
			accessKeyId: `ASIA${randomToken(16, ALPHANUMERIC_UPPER)}`,
			secretAccessKey: randomToken(40, SECRET_ALPHABET),
			sessionToken: randomBytes(96).toString('base64'),
			expiresAtMs: nowMs + durationSeconds * 1000,
		};
		this.known.set(issued.accessKeyId, {
			secretAccessKey: issued.secretAccessKey,
			sessionToken: issued.sessionToken,
			expiresAtMs: issued.expiresAtMs,
		});
		return issued;
	}
}

const ALPHANUMERIC_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function randomToken(length: number, alphabet: string): string {
	const bytes = randomBytes(length);
	let token = '';
	for (const byte of bytes) token += alphabet[byte % alphabet.length];
	return token;
}
