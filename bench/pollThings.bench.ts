/**
 * Polls N things through the action node against the simulated endpoint held to a request rate
 * and latency, and a naive one-at-a-time SDK loop over the same things, in the same process.
 * Prints wall time ÷ (N ÷ rate) for each — 1.00 is the quota's own floor — and the items lost.
 *
 *   node dist/bench/pollThings.bench.js [--things 2000] [--rate 350] [--latency 20] [--concurrency 20] [--warmup 500]
 */
import { GetThingConnectivityDataCommand, IoTClient } from '@aws-sdk/client-iot';

import { AwsIotConnectivity } from '../nodes/AwsIotConnectivity/AwsIotConnectivity.node';
import { SIMULATOR_CREDENTIALS, generateFleet } from '../simulator';
import { createExecuteContext } from '../test/helpers/executeContext';
import { simulatorCredentials } from '../test/helpers/simulatedAws';
import type { SimulatorThread } from './simulatorThread';
import { startSimulatorThread } from './simulatorThread';

interface BenchSettings {
	things: number;
	rate: number;
	latencyMs: number;
	concurrency: number;
	warmup: number;
}

function readSettings(argv: string[]): BenchSettings {
	const value = (flag: string, fallback: number) => {
		const index = argv.indexOf(flag);
		return index >= 0 ? Number(argv[index + 1]) : fallback;
	};
	return { things: value('--things', 2000), rate: value('--rate', 350), latencyMs: value('--latency', 20), concurrency: value('--concurrency', 20), warmup: value('--warmup', 500) };
}

interface RunResult {
	label: string;
	wallSeconds: number;
	returned: number;
	lost: number;
	throttled: number;
	requests: number;
}

async function runNode(simulator: SimulatorThread, thingNames: string[], settings: BenchSettings): Promise<RunResult> {
	await simulator.resetStats();
	const context = createExecuteContext({
		parameters: (itemIndex) => ({
			operation: 'getThingConnectivity',
			thingName: thingNames[itemIndex],
			options: { concurrency: settings.concurrency, maxRequestsPerSecond: settings.rate },
		}),
		items: thingNames.map((thingName) => ({ thingName })),
		continueOnFail: true,
		credentials: simulatorCredentials(simulator),
	});
	const started = performance.now();
	const [items] = await new AwsIotConnectivity().execute.call(context);
	const wallSeconds = (performance.now() - started) / 1000;
	const stats = await simulator.stats();
	const answered = items.filter((item, index) => item.json.error === undefined && item.json.thingName === thingNames[index]);
	return {
		label: `node (concurrency ${settings.concurrency}, cap ${settings.rate}/s)`,
		wallSeconds,
		returned: items.length,
		lost: thingNames.length - answered.length,
		throttled: stats.throttled,
		requests: stats.total,
	};
}

async function runNaiveLoop(simulator: SimulatorThread, thingNames: string[]): Promise<RunResult> {
	await simulator.resetStats();
	const client = new IoTClient({ region: 'us-east-1', endpoint: simulator.url, credentials: { ...SIMULATOR_CREDENTIALS } });
	let answered = 0;
	const started = performance.now();
	for (const thingName of thingNames) {
		try {
			const response = await client.send(new GetThingConnectivityDataCommand({ thingName }));
			if (response.thingName === thingName) answered++;
		} catch {
			// counted as lost below
		}
	}
	const wallSeconds = (performance.now() - started) / 1000;
	const stats = await simulator.stats();
	client.destroy();
	return {
		label: 'naive loop (one request at a time, SDK defaults)',
		wallSeconds,
		returned: answered,
		lost: thingNames.length - answered,
		throttled: stats.throttled,
		requests: stats.total,
	};
}

async function main() {
	const settings = readSettings(process.argv.slice(2));
	const fleet = generateFleet(settings.things, { seed: 1 });
	const thingNames = fleet.things.map((thing) => thing.thingName);
	// AWS's bucket is not documented; a 0.1 s burst makes the node pace itself rather than ride a big bucket.
	const simulator = await startSimulatorThread({
		fleet,
		latencyMs: settings.latencyMs,
		rateLimit: { requestsPerSecond: settings.rate, burst: Math.max(1, Math.round(settings.rate / 10)) },
	});
	const floorSeconds = settings.things / settings.rate;
	try {
		// n8n is a long-running process: warm the SDK's code paths up first, untimed, as they are there.
		await runNode(simulator, thingNames.slice(0, settings.warmup), settings);
		const results = [await runNode(simulator, thingNames, settings), await runNaiveLoop(simulator, thingNames)];
		console.log(
			`pollThings: N=${settings.things} things, simulator at ${settings.rate} req/s and ${settings.latencyMs} ms latency; floor N÷rate = ${floorSeconds.toFixed(2)} s; ${settings.warmup} untimed warm-up lookups first`,
		);
		console.log('run'.padEnd(52), 'wall s'.padStart(8), 'ratio'.padStart(7), 'lost'.padStart(6), 'throttled'.padStart(10), 'requests'.padStart(9));
		for (const result of results) {
			console.log(
				result.label.padEnd(52),
				result.wallSeconds.toFixed(2).padStart(8),
				(result.wallSeconds / floorSeconds).toFixed(3).padStart(7),
				String(result.lost).padStart(6),
				String(result.throttled).padStart(10),
				String(result.requests).padStart(9),
			);
		}
		const [node, naive] = results;
		console.log(`node ratio ${(node.wallSeconds / floorSeconds).toFixed(3)} (target ≤ 1.15), items lost ${node.lost}; node is ${(naive.wallSeconds / node.wallSeconds).toFixed(1)}× faster than the naive loop`);
	} finally {
		await simulator.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
