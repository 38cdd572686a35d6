import { SimulatedService, SimulatorError } from './errors';

/** A fully rendered HTTP answer; the server adds request id, latency and writes it. */
export interface SimulatorResponse {
	statusCode: number;
	headers: Record<string, string>;
	body: string;
}

export function jsonResponse(body: unknown, statusCode = 200): SimulatorResponse {
	return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export function xmlResponse(xml: string, statusCode = 200): SimulatorResponse {
	return { statusCode, headers: { 'content-type': 'text/xml' }, body: xml };
}

/**
 * Renders an error the way each service does on the wire: restJson1 services name the type in
 * x-amzn-errortype (IoT's body has `message`, Managed Integrations' has `Message`); STS (awsQuery)
 * answers with an XML ErrorResponse whose codes differ from the JSON front end's names.
 */
export function errorResponse(service: SimulatedService, error: SimulatorError, requestId: string): SimulatorResponse {
	if (service === 'sts') {
		const code = STS_ERROR_CODES[error.errorType] ?? error.errorType;
		const type = error.statusCode >= 500 ? 'Receiver' : 'Sender';
		const xml =
			`<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">` +
			`<Error><Type>${type}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
			`<RequestId>${requestId}</RequestId></ErrorResponse>`;
		return xmlResponse(xml, error.statusCode);
	}
	const body = service === 'iotmanagedintegrations' ? { Message: error.message, message: error.message } : { message: error.message };
	const response = jsonResponse(body, error.statusCode);
	response.headers['x-amzn-errortype'] = error.errorType;
	return response;
}

/** STS spells the shared authentication failures differently from the JSON services. */
const STS_ERROR_CODES: Record<string, string> = {
	MissingAuthenticationTokenException: 'MissingAuthenticationToken',
	UnrecognizedClientException: 'InvalidClientTokenId',
	InvalidSignatureException: 'SignatureDoesNotMatch',
	IncompleteSignatureException: 'IncompleteSignature',
	ExpiredTokenException: 'ExpiredToken',
	ThrottlingException: 'Throttling',
	UnknownOperationException: 'InvalidAction',
};

/** Escapes element text (the simulator writes no attributes from data, so quotes can stay). */
export function escapeXml(text: string): string {
	return text.replace(/[<>&]/g, (char) => XML_ENTITIES[char] ?? char);
}

const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };
