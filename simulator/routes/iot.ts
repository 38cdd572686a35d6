import { createHash } from 'crypto';
import { connectivityAt } from '../connectivity';
import { injectedDeviceError, SimulatorError } from '../errors';
import { FleetThing, THING_NAME_PATTERN } from '../fleet';
import { FleetQueryError, IndexedThing, matchesFleetQuery, parseFleetQuery, queryUsesConnectivity } from '../fleetQuery';
import { SIMULATOR_ACCOUNT_ID } from '../options';
import { decodePageToken, paginate } from '../pageToken';
import { jsonResponse } from '../wireResponses';
import { jsonBody, pageSize, queryValue, Route, RouteContext } from './route';

const THINGS_INDEX = 'AWS_Things';
const SEARCH_PAGE_DEFAULT = 100;
const SEARCH_PAGE_MAX = 100;
const LIST_PAGE_DEFAULT = 50;
const LIST_PAGE_MAX = 250;

const invalidRequest = (message: string) => new SimulatorError('InvalidRequestException', 400, message);
const notFound = (message: string) => new SimulatorError('ResourceNotFoundException', 404, message);

/** AWS IoT control-plane operations the connectivity nodes use (signing name `iot`, restJson1). */
export const iotRoutes: Route[] = [
	{
		operation: 'GetThingConnectivityData',
		method: 'POST',
		path: '/things/{thingName}/connectivity-data',
		service: 'iot',
		dataPlane: true,
		handle: getThingConnectivityData,
	},
	{ operation: 'SearchIndex', method: 'POST', path: '/indices/search', service: 'iot', dataPlane: true, handle: searchIndex },
	{
		operation: 'ListThingsInThingGroup',
		method: 'GET',
		path: '/thing-groups/{thingGroupName}/things',
		service: 'iot',
		dataPlane: true,
		handle: listThingsInThingGroup,
	},
	{ operation: 'ListThings', method: 'GET', path: '/things', service: 'iot', dataPlane: true, handle: listThings },
	{
		operation: 'GetIndexingConfiguration',
		method: 'GET',
		path: '/indexing/config',
		service: 'iot',
		dataPlane: true,
		handle: getIndexingConfiguration,
	},
];

function getThingConnectivityData({ params, body, state, nowMs }: RouteContext) {
	const thingName = params.thingName;
	if (!THING_NAME_PATTERN.test(thingName)) {
		throw invalidRequest(`1 validation error detected: Value '${thingName}' at 'thingName' failed to satisfy constraint: Member must have length between 1 and 128 and match pattern [a-zA-Z0-9:_-]+`);
	}
	// Since 2026-05 the SDK sends {} or {"includeSocketInformation":true}; older ones send nothing.
	const request = jsonBody(body, invalidRequest);
	const includeSocket = request.includeSocketInformation;
	if (includeSocket !== undefined && typeof includeSocket !== 'boolean') throw invalidRequest('includeSocketInformation must be a boolean.');
	if (state.indexStatus === 'BUILDING') throw indexNotReady();
	if (state.indexStatus === 'OFF') {
		throw invalidRequest('Thing connectivity indexing is not enabled. Enable fleet indexing with thingConnectivityIndexingMode STATUS to use GetThingConnectivityData.');
	}
	const thing = state.getThing(thingName);
	if (thing === undefined) throw notFound(`Thing ${thingName} cannot be found.`);
	const fault = state.takeThingFault(thingName);
	if (fault !== undefined) throw injectedDeviceError('iot', fault, thingName);

	const now = connectivityAt(thing, nowMs);
	const socket = includeSocket === true ? thing.socket : undefined;
	return jsonResponse(
		dropUndefined({
			thingName,
			connected: now.connected,
			// Epoch seconds, fractional kept: the SDK decodes a JSON number here as seconds.
			timestamp: now.timestampSeconds,
			disconnectReason: now.disconnectReason,
			clientId: thing.clientId,
			keepAliveDuration: thing.keepAliveDuration,
			cleanSession: thing.cleanSession,
			sessionExpiry: thing.sessionExpiry,
			sourceIp: socket?.sourceIp,
			sourcePort: socket?.sourcePort,
			targetIp: socket?.targetIp,
			targetPort: socket?.targetPort,
			vpcEndpointId: socket?.vpcEndpointId,
		}),
	);
}

function searchIndex({ body, state, nowMs }: RouteContext) {
	const request = jsonBody(body, invalidRequest);
	const { queryString, indexName = THINGS_INDEX, nextToken } = request;
	if (typeof queryString !== 'string') throw invalidRequest('queryString is required.');
	if (typeof indexName !== 'string' || (nextToken !== undefined && typeof nextToken !== 'string')) {
		throw invalidRequest('indexName and nextToken must be strings.');
	}
	if (indexName !== THINGS_INDEX) throw notFound(`Index ${indexName} does not exist.`);
	if (state.indexStatus === 'BUILDING') throw indexNotReady();
	const maxResults = pageSize(request.maxResults, SEARCH_PAGE_DEFAULT, SEARCH_PAGE_MAX, 'maxResults', invalidRequest);

	let query;
	try {
		query = parseFleetQuery(queryString);
	} catch (error) {
		if (error instanceof FleetQueryError) throw new SimulatorError('InvalidQueryException', 400, error.message);
		throw error;
	}
	const connectivityIndexed = state.indexStatus === 'ACTIVE';
	if (!connectivityIndexed && queryUsesConnectivity(query)) {
		throw new SimulatorError('InvalidQueryException', 400, 'connectivity.* fields are not indexed: thing connectivity indexing is not enabled.');
	}
	const scope = `search|${indexName}|${queryString}`;
	const offset = nextToken === undefined ? 0 : decodePageToken(nextToken, scope);
	if (offset === undefined) throw invalidRequest('The nextToken is invalid or belongs to a different query.');

	const matching = state
		.allThings()
		.map((thing) => indexedThing(thing, nowMs, connectivityIndexed))
		.filter((document) => matchesFleetQuery(query, document));
	const { page, nextToken: next } = paginate(matching, offset, maxResults, scope);
	return jsonResponse(
		dropUndefined({
			things: page.map((document) =>
				dropUndefined({
					thingName: document.thingName,
					thingId: thingId(document.thingName),
					thingTypeName: document.thingTypeName,
					thingGroupNames: document.thingGroupNames.length > 0 ? document.thingGroupNames : undefined,
					attributes: Object.keys(document.attributes).length > 0 ? document.attributes : undefined,
					connectivity: document.connectivity && dropUndefined(document.connectivity),
				}),
			),
			nextToken: next,
		}),
	);
}

function listThingsInThingGroup({ params, query, state }: RouteContext) {
	const groupName = params.thingGroupName;
	const recursiveText = queryValue(query, 'recursive');
	if (recursiveText !== undefined && recursiveText !== 'true' && recursiveText !== 'false') {
		throw invalidRequest('recursive must be true or false.');
	}
	const recursive = recursiveText === 'true';
	const maxResults = pageSize(queryValue(query, 'maxResults'), LIST_PAGE_DEFAULT, LIST_PAGE_MAX, 'maxResults', invalidRequest);
	if (!state.hasGroup(groupName)) throw notFound(`ThingGroup ${groupName} does not exist.`);
	const scope = `group|${groupName}|${recursive}`;
	const offset = pageOffset(queryValue(query, 'nextToken'), scope);
	const { page, nextToken } = paginate(state.thingNamesInGroup(groupName, recursive), offset, maxResults, scope);
	return jsonResponse(dropUndefined({ things: page, nextToken }));
}

function listThings({ query, state, region }: RouteContext) {
	const maxResults = pageSize(queryValue(query, 'maxResults'), LIST_PAGE_DEFAULT, LIST_PAGE_MAX, 'maxResults', invalidRequest);
	const thingTypeName = queryValue(query, 'thingTypeName');
	const attributeName = queryValue(query, 'attributeName');
	const attributeValue = queryValue(query, 'attributeValue');
	const usePrefix = queryValue(query, 'usePrefixAttributeValue') === 'true';
	if (attributeValue !== undefined && attributeName === undefined) throw invalidRequest('attributeValue requires attributeName.');
	const matching = state.allThings().filter((thing) => {
		if (thingTypeName !== undefined && thing.thingTypeName !== thingTypeName) return false;
		if (attributeName === undefined) return true;
		const value = thing.attributes?.[attributeName];
		if (value === undefined) return false;
		if (attributeValue === undefined) return true;
		return usePrefix ? value.startsWith(attributeValue) : value === attributeValue;
	});
	const scope = `things|${thingTypeName}|${attributeName}|${attributeValue}|${usePrefix}`;
	const offset = pageOffset(queryValue(query, 'nextToken'), scope);
	const { page, nextToken } = paginate(matching, offset, maxResults, scope);
	return jsonResponse(
		dropUndefined({
			things: page.map((thing) =>
				dropUndefined({
					thingName: thing.thingName,
					thingTypeName: thing.thingTypeName,
					thingArn: `arn:aws:iot:${region}:${SIMULATOR_ACCOUNT_ID}:thing/${thing.thingName}`,
					attributes: thing.attributes ?? {},
					version: 1,
				}),
			),
			nextToken,
		}),
	);
}

function getIndexingConfiguration({ state }: RouteContext) {
	return jsonResponse({
		thingIndexingConfiguration: {
			thingIndexingMode: 'REGISTRY',
			thingConnectivityIndexingMode: state.indexStatus === 'OFF' ? 'OFF' : 'STATUS',
		},
		thingGroupIndexingConfiguration: { thingGroupIndexingMode: 'OFF' },
	});
}

/** The fleet-index document of a thing; timestamps there are epoch milliseconds. */
export function indexedThing(thing: FleetThing, nowMs: number, withConnectivity: boolean): IndexedThing {
	const now = connectivityAt(thing, nowMs);
	return {
		thingName: thing.thingName,
		thingTypeName: thing.thingTypeName,
		thingGroupNames: thing.thingGroupNames ?? [],
		attributes: thing.attributes ?? {},
		connectivity: withConnectivity
			? {
					connected: now.connected,
					timestamp: now.timestampSeconds === undefined ? undefined : Math.round(now.timestampSeconds * 1000),
					disconnectReason: now.disconnectReason,
				}
			: undefined,
	};
}

function pageOffset(token: string | undefined, scope: string): number {
	if (token === undefined) return 0;
	const offset = decodePageToken(token, scope);
	if (offset === undefined) throw invalidRequest('The nextToken is invalid or belongs to a different request.');
	return offset;
}

/** A stable UUID-shaped id per thing name, like the registry's thingId. */
function thingId(thingName: string): string {
	const hex = createHash('sha256').update(`thing:${thingName}`).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function indexNotReady(): SimulatorError {
	return new SimulatorError('IndexNotReadyException', 400, 'The thing connectivity index is still being built. Retry once fleet indexing reports ACTIVE.');
}

/** JSON.stringify drops undefined anyway; this keeps response objects tidy for tests that inspect them. */
function dropUndefined<T extends Record<string, unknown>>(value: T): T {
	for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
	return value;
}
