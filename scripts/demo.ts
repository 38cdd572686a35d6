/**
 * The embedded default, without AWS: starts the simulated fleet and runs the action node's three
 * operations against it, printing the normalized records as a table.
 *
 *   npm run demo
 */
import type { IDataObject } from 'n8n-workflow';

import { AwsIotConnectivity } from '../nodes/AwsIotConnectivity/AwsIotConnectivity.node';
import type { RunningSimulator } from '../simulator';
import { DEMO_FLEET_PATH, loadFleet, startSimulator } from '../simulator';
import type { ItemParameters } from '../test/helpers/executeContext';
import { createExecuteContext } from '../test/helpers/executeContext';
import { simulatorCredentials } from '../test/helpers/simulatedAws';

async function runNode(simulator: RunningSimulator, parameters: (itemIndex: number) => ItemParameters, itemCount = 1): Promise<IDataObject[]> {
	const context = createExecuteContext({
		parameters,
		items: Array.from({ length: itemCount }, () => ({})),
		continueOnFail: true,
		credentials: simulatorCredentials(simulator),
	});
	const [items] = await new AwsIotConnectivity().execute.call(context);
	return items.map((item) => item.json);
}

const COLUMNS = ['source', 'device', 'status', 'disconnectReason', 'timestamp', 'secondsSinceChange'] as const;

function printTable(title: string, records: IDataObject[]) {
	const rows = records.map((record) => ({
		source: String(record.source),
		device: String(record.thingName ?? record.managedThingId),
		status: String(record.status ?? `error: ${String(record.errorCode)}`),
		disconnectReason: String(record.disconnectReason ?? ''),
		timestamp: String(record.timestamp ?? ''),
		secondsSinceChange: record.secondsSinceChange === null || record.secondsSinceChange === undefined ? '' : String(record.secondsSinceChange),
	}));
	const widths = COLUMNS.map((column) => Math.max(column.length, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index])).join('  ');
	console.log(`\n${title} (${records.length})`);
	console.log(line([...COLUMNS]));
	console.log(line(widths.map((width) => '-'.repeat(width))));
	for (const row of rows) console.log(line(COLUMNS.map((column) => row[column])));
}

async function main() {
	const simulator = await startSimulator({ fleet: loadFleet(DEMO_FLEET_PATH) });
	try {
		console.log(`Simulated AWS endpoint (demo fleet) at ${simulator.url}`);
		const fleet = await runNode(simulator, () => ({ operation: 'searchConnectivity', queryString: '*', returnAll: true, options: {} }));
		printTable('Search Fleet Connectivity: "*" (fleet index, milliseconds)', fleet);

		const thingNames = ['p7-press-01', 'p7-oven-01', 'p7-new-01', 'p9-meter-01', 'no-such-thing'];
		const things = await runNode(simulator, (itemIndex) => ({ operation: 'getThingConnectivity', thingName: thingNames[itemIndex], options: {} }), thingNames.length);
		printTable('Get Thing Connectivity (epoch seconds; one missing thing as an error item)', things);

		const managedIds = ['mi-thermostat-01', 'mi-plug-01', 'mi-camera-01', 'mi-sensor-01'];
		const managed = await runNode(simulator, (itemIndex) => ({ operation: 'getManagedThingConnectivity', identifier: managedIds[itemIndex], options: {} }), managedIds.length);
		printTable('Get Managed Thing Connectivity', managed);
	} finally {
		await simulator.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
