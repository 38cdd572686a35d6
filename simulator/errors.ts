/** The AWS services the simulator speaks for; each renders errors its own way. */
export type SimulatedService = 'iot' | 'iotmanagedintegrations' | 'sts';

/**
 * An AWS-style error a handler or check raises; the server renders it in the wire format of the
 * route's service. `injected` marks deliberate faults so they are counted.
 */
export class SimulatorError extends Error {
	constructor(
		readonly errorType: string,
		readonly statusCode: number,
		message: string,
		readonly injected = false,
	) {
		super(message);
		this.name = errorType;
	}
}

/** HTTP status of an error type as each service's model declares it. */
export function statusForErrorType(service: SimulatedService, errorType: string): number {
	if (errorType === 'ThrottlingException') return service === 'iotmanagedintegrations' ? 429 : 400;
	return ERROR_STATUS[errorType] ?? 500;
}

const ERROR_STATUS: Record<string, number> = {
	InvalidRequestException: 400,
	InvalidQueryException: 400,
	IndexNotReadyException: 400,
	ValidationException: 400,
	UnauthorizedException: 401,
	AccessDeniedException: 403,
	ResourceNotFoundException: 404,
	InternalFailureException: 500,
	InternalServerException: 500,
	ServiceUnavailableException: 503,
};

export function throttlingError(service: SimulatedService): SimulatorError {
	return new SimulatorError('ThrottlingException', statusForErrorType(service, 'ThrottlingException'), 'Rate exceeded');
}

/** A fault a test configured for one device; message says so to keep logs honest. */
export function injectedDeviceError(service: SimulatedService, errorType: string, deviceId: string): SimulatorError {
	return new SimulatorError(errorType, statusForErrorType(service, errorType), `Simulated ${errorType} for ${deviceId}`, true);
}
