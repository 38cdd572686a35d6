import { connectivityAt } from '../connectivity';
import { injectedDeviceError, SimulatorError } from '../errors';
import { MANAGED_THING_ID_PATTERN } from '../fleet';
import { SIMULATOR_ACCOUNT_ID } from '../options';
import { decodePageToken, paginate } from '../pageToken';
import { jsonResponse } from '../wireResponses';
import { pageSize, queryValue, Route, RouteContext } from './route';

const LIST_PAGE_DEFAULT = 100;
const LIST_PAGE_MAX = 1000;

const validation = (message: string) => new SimulatorError('ValidationException', 400, message);

/** IoT Managed Integrations (signing name `iotmanagedintegrations`, restJson1, PascalCase members). */
export const managedIntegrationsRoutes: Route[] = [
	{
		operation: 'GetManagedThingConnectivityData',
		method: 'POST',
		path: '/managed-things-connectivity-data/{Identifier}',
		service: 'iotmanagedintegrations',
		dataPlane: true,
		handle: getManagedThingConnectivityData,
	},
	{
		operation: 'ListManagedThings',
		method: 'GET',
		path: '/managed-things',
		service: 'iotmanagedintegrations',
		dataPlane: true,
		handle: listManagedThings,
	},
];

function getManagedThingConnectivityData({ params, state, nowMs }: RouteContext) {
	const id = params.Identifier;
	if (!MANAGED_THING_ID_PATTERN.test(id)) {
		throw validation(`1 validation error detected: Value at 'identifier' failed to satisfy constraint: Member must have length between 1 and 64 and match pattern [a-zA-Z0-9:_-]*`);
	}
	const managed = state.getManagedThing(id);
	if (managed === undefined) throw new SimulatorError('ResourceNotFoundException', 404, `Managed thing ${id} not found.`);
	const fault = state.takeManagedThingFault(id);
	if (fault !== undefined) throw injectedDeviceError('iotmanagedintegrations', fault, id);
	const now = connectivityAt(managed, nowMs);
	const response: Record<string, unknown> = { ManagedThingId: id, Connected: now.connected };
	// Epoch seconds, like IoT's GetThingConnectivityData.
	if (now.timestampSeconds !== undefined) response.Timestamp = now.timestampSeconds;
	if (now.disconnectReason !== undefined) response.DisconnectReason = now.disconnectReason;
	return jsonResponse(response);
}

function listManagedThings({ query, state, region }: RouteContext) {
	const maxResults = pageSize(queryValue(query, 'MaxResults'), LIST_PAGE_DEFAULT, LIST_PAGE_MAX, 'MaxResults', validation);
	const statusFilter = queryValue(query, 'ProvisioningStatusFilter');
	const matching = state
		.allManagedThings()
		.filter((managed) => statusFilter === undefined || (managed.provisioningStatus ?? 'ACTIVATED') === statusFilter);
	const scope = `managed|${statusFilter}`;
	const token = queryValue(query, 'NextToken');
	const offset = token === undefined ? 0 : decodePageToken(token, scope);
	if (offset === undefined) throw validation('The NextToken is invalid or belongs to a different request.');
	const { page, nextToken } = paginate(matching, offset, maxResults, scope);
	const response: Record<string, unknown> = {
		Items: page.map((managed) => {
			const item: Record<string, unknown> = {
				Id: managed.managedThingId,
				Arn: `arn:aws:iotmanagedintegrations:${region}:${SIMULATOR_ACCOUNT_ID}:managed-thing/${managed.managedThingId}`,
			};
			if (managed.name !== undefined) item.Name = managed.name;
			item.ProvisioningStatus = managed.provisioningStatus ?? 'ACTIVATED';
			return item;
		}),
	};
	if (nextToken !== undefined) response.NextToken = nextToken;
	return jsonResponse(response);
}
