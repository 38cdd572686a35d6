import type { Fleet } from './fleet';

/** A long-term access key the simulator accepts (like an IAM user's key). */
export interface AccessKeyPair {
	accessKeyId: string;
	secretAccessKey: string;
}

/** A role that STS AssumeRole may hand out temporary keys for. */
export interface RoleDefinition {
	roleArn: string;
	/** When set, AssumeRole must present exactly this ExternalId. */
	externalId?: string;
}

export interface FaultOptions {
	/** Share (0..1) of data-plane calls answered with a server error; 500 and 503 alternate per service. */
	serverErrorRate?: number;
	/** Share (0..1) of data-plane calls never answered: the client has to time out. */
	timeoutRate?: number;
	/** Makes the fault draws reproducible. */
	seed?: number;
}

export interface RateLimitOptions {
	requestsPerSecond: number;
	/** Bucket capacity; defaults to requestsPerSecond. */
	burst?: number;
}

export interface SimulatorOptions {
	fleet: Fleet;
	/** 0 (default) picks a free port. The server always binds 127.0.0.1. */
	port?: number;
	/** Default 'us-east-1'; signatures scoped to another region are rejected. */
	region?: string;
	credentials?: AccessKeyPair[];
	roles?: RoleDefinition[];
	/** Delay added before every response. */
	latencyMs?: number;
	/** One token bucket shared by all data-plane calls (STS is exempt). */
	rateLimit?: RateLimitOptions;
	faults?: FaultOptions;
	/** Epoch-ms clock for device state (relative timestamps, flapping). Auth and rate limiting use the real clock. */
	now?: () => number;
}

export const SIMULATOR_ACCOUNT_ID = '123456789012';

/** Not frozen on purpose: the SDK writes a `$source` marker onto the credentials object it is given. */
export const SIMULATOR_CREDENTIALS: AccessKeyPair = {
	accessKeyId: 'AKIASIMULATOR0000001',
	secretAccessKey: 'simulator/secret/key/not-a-real-aws-secret',
};

export const SIMULATOR_ROLE_ARN = `arn:aws:iam::${SIMULATOR_ACCOUNT_ID}:role/iot-connectivity-reader`;

export const DEFAULT_REGION = 'us-east-1';
