/**
 * The AWS reads that produce connectivity records, independent of n8n items: the action node and
 * the trigger both call these, so a wire detail (pagination, units, socket option) lives here once.
 */
import { GetThingConnectivityDataCommand, SearchIndexCommand } from '@aws-sdk/client-iot';

import type { ConnectivityClients } from './awsClients';
import type { ConnectivityRecord, NormalizeOptions } from './connectivityRecord';
import {
	normalizeFleetIndexThing,
	normalizeIotConnectivity,
	normalizeManagedThingConnectivity,
} from './connectivityRecord';
import { GetManagedThingConnectivityDataCommand } from './managedIntegrations';

/** SearchIndex returns at most 100 things a page. */
export const SEARCH_PAGE_SIZE_MAX = 100;

/**
 * A 2xx answer that does not say whether the device is connected: an error, never "offline".
 * Named like the Managed Integrations client's non-JSON 2xx error, so awsErrors.ts has one hint for both.
 */
export class UnexpectedAwsResponseError extends Error {
	constructor(operation: string, detail: string) {
		super(`${operation} answered without a usable connectivity status (${detail})`);
		this.name = 'UnexpectedResponse';
	}
}

function requireConnectedFlag(value: unknown, operation: string): void {
	if (typeof value !== 'boolean') {
		throw new UnexpectedAwsResponseError(operation, `"connected" is ${value === undefined ? 'missing' : JSON.stringify(value)}`);
	}
}

export interface ThingLookupOptions extends NormalizeOptions {
	includeSocketInformation?: boolean;
}

export async function getThingConnectivity(
	clients: ConnectivityClients,
	thingName: string,
	options: ThingLookupOptions = {},
): Promise<ConnectivityRecord> {
	const response = await clients.iot.send(
		new GetThingConnectivityDataCommand({
			thingName,
			...(options.includeSocketInformation ? { includeSocketInformation: true } : {}),
		}),
	);
	const { $metadata: _metadata, ...payload } = response;
	requireConnectedFlag(payload.connected, 'GetThingConnectivityData');
	return normalizeIotConnectivity(payload, thingName, options);
}

export async function getManagedThingConnectivity(
	clients: ConnectivityClients,
	identifier: string,
	options: NormalizeOptions = {},
): Promise<ConnectivityRecord> {
	const response = await clients.managedIntegrations.send(new GetManagedThingConnectivityDataCommand({ Identifier: identifier }));
	const { $metadata: _metadata, ...payload } = response;
	requireConnectedFlag(payload.Connected, 'GetManagedThingConnectivityData');
	return normalizeManagedThingConnectivity(payload, identifier, options);
}

export interface FleetSearchOptions extends NormalizeOptions {
	/** Stop after this many things; undefined = all pages. */
	limit?: number;
	indexName?: string;
}

/** Pages through SearchIndex (it has no SDK paginator) until the limit or the last page. */
export async function searchFleetConnectivity(
	clients: ConnectivityClients,
	queryString: string,
	options: FleetSearchOptions = {},
): Promise<ConnectivityRecord[]> {
	const records: ConnectivityRecord[] = [];
	let nextToken: string | undefined;
	do {
		const remaining = options.limit === undefined ? SEARCH_PAGE_SIZE_MAX : options.limit - records.length;
		const page = await clients.iot.send(
			new SearchIndexCommand({
				queryString,
				maxResults: Math.min(SEARCH_PAGE_SIZE_MAX, remaining),
				...(options.indexName ? { indexName: options.indexName } : {}),
				...(nextToken ? { nextToken } : {}),
			}),
		);
		for (const thing of page.things ?? []) {
			if (options.limit !== undefined && records.length >= options.limit) break;
			records.push(normalizeFleetIndexThing(thing, options));
		}
		nextToken = page.nextToken;
	} while (nextToken && (options.limit === undefined || records.length < options.limit));
	return records;
}
