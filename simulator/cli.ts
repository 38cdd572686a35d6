#!/usr/bin/env node
/**
 * Starts the simulator from a shell:
 *   node dist/simulator/cli.js [--fleet path | --generate N] [--port 4566] [--latency ms] [--rate rps]
 *                              [--burst n] [--region r] [--error-rate 0..1] [--timeout-rate 0..1] [--seed n]
 */
import type { Fleet } from './fleet';
import { loadFleet } from './fleet';
import { DEMO_FLEET_PATH } from './fleets/demoFleetPath';
import { generateFleet } from './fleets/generate';
import { DEFAULT_REGION, SIMULATOR_CREDENTIALS, SIMULATOR_ROLE_ARN, SimulatorOptions } from './options';
import { startSimulator } from './server';

const USAGE = `Usage: node dist/simulator/cli.js [options]
  --fleet <path>         fleet JSON (default: bundled demo fleet)
  --generate <count>     use a generated fleet of <count> things instead
  --port <port>          default 4566 (0 = any free port)
  --latency <ms>         delay added to every response
  --rate <rps>           data-plane rate limit (token bucket)
  --burst <n>            bucket capacity (default = rate)
  --region <region>      default ${DEFAULT_REGION}
  --error-rate <0..1>    share of calls failing with 500/503
  --timeout-rate <0..1>  share of calls never answered
  --seed <n>             make fault draws reproducible`;

const VALUE_FLAGS = ['--fleet', '--generate', '--port', '--latency', '--rate', '--burst', '--region', '--error-rate', '--timeout-rate', '--seed'];

function parseArgs(argv: string[]): Map<string, string> {
	const args = new Map<string, string>();
	for (let index = 0; index < argv.length; index += 1) {
		const arg = argv[index];
		if (arg === '--help' || arg === '-h') {
			process.stdout.write(`${USAGE}\n`);
			process.exit(0);
		}
		const [flag, inline] = arg.split(/=(.*)/s, 2);
		if (!VALUE_FLAGS.includes(flag)) fail(`Unknown option ${arg}`);
		const value = inline ?? argv[(index += 1)];
		if (value === undefined) fail(`${flag} needs a value`);
		args.set(flag, value);
	}
	return args;
}

function numberArg(args: Map<string, string>, flag: string): number | undefined {
	const text = args.get(flag);
	if (text === undefined) return undefined;
	const value = Number(text);
	if (text.trim() === '' || !Number.isFinite(value) || value < 0) fail(`${flag} needs a non-negative number, got '${text}'`);
	return value;
}

function fail(message: string): never {
	process.stderr.write(`${message}\n\n${USAGE}\n`);
	process.exit(2);
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	const generateCount = numberArg(args, '--generate');
	const fleetPath = args.get('--fleet') ?? DEMO_FLEET_PATH;
	const fleet: Fleet = generateCount !== undefined ? generateFleet(Math.floor(generateCount)) : loadFleet(fleetPath);
	const rate = numberArg(args, '--rate');
	const errorRate = numberArg(args, '--error-rate');
	const timeoutRate = numberArg(args, '--timeout-rate');
	const options: SimulatorOptions = {
		fleet,
		port: numberArg(args, '--port') ?? 4566,
		region: args.get('--region') ?? DEFAULT_REGION,
		latencyMs: numberArg(args, '--latency'),
		rateLimit: rate !== undefined && rate > 0 ? { requestsPerSecond: rate, burst: numberArg(args, '--burst') } : undefined,
		faults: errorRate !== undefined || timeoutRate !== undefined ? { serverErrorRate: errorRate, timeoutRate, seed: numberArg(args, '--seed') } : undefined,
	};
	const simulator = await startSimulator(options);
	const source = generateCount !== undefined ? `generated (${fleet.things.length} things)` : fleetPath;
	process.stdout.write(
		[
			'AWS IoT connectivity simulator is running (loopback only).',
			`  Endpoint URL       ${simulator.url}`,
			`  Region             ${options.region}`,
			`  Access key ID      ${SIMULATOR_CREDENTIALS.accessKeyId}`,
			`  Secret access key  ${SIMULATOR_CREDENTIALS.secretAccessKey}`,
			`  Role ARN           ${SIMULATOR_ROLE_ARN}   (STS AssumeRole, no external ID)`,
			`  Fleet              ${source}: ${fleet.things.length} things, ${fleet.managedThings?.length ?? 0} managed things`,
			`  Latency            ${options.latencyMs ?? 0} ms; rate limit ${options.rateLimit ? `${options.rateLimit.requestsPerSecond} req/s` : 'none'}`,
			'Press Ctrl+C to stop.',
			'',
		].join('\n'),
	);
	let stopping = false;
	const shutdown = (signal: string) => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`\n${signal}: stopping after ${simulator.stats.total} requests.\n`);
		void simulator.stop().then(() => process.exit(0));
	};
	process.on('SIGINT', () => shutdown('SIGINT'));
	process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
