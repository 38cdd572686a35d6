#!/usr/bin/env node
'use strict';
/**
 * The embedded demo: real n8n with this package installed from its npm tarball, a simulated AWS
 * fleet, the credential pointing at it and the example workflows imported. No AWS account needed.
 *
 *   node e2e/demo.js           n8n on http://127.0.0.1:5678 until Ctrl-C
 *   node e2e/demo.js --once    runs the demo workflow headless and prints where each device went
 *
 * Expects `npm run build` and `e2e/install-runtime.sh` to have run (`npm run demo` does both).
 */
const fs = require('node:fs');
const path = require('node:path');

const runtime = require('./lib/n8nRuntime');
const { packPackage, ROOT } = require('./lib/packPackage');

const DEMO_CREDENTIAL_ID = 'demoAwsIotCred01';
const DEMO_WORKFLOW_ID = 'DemoFleetTriage1';
const EXAMPLES_DIR = path.join(ROOT, 'examples');
const OWNER = { email: 'demo@example.com', password: 'Demo-password-1', firstName: 'Demo', lastName: 'Operator' };

function parseArguments(argv) {
	const valueOf = (flag, fallback) => {
		const index = argv.indexOf(flag);
		return index >= 0 ? Number(argv[index + 1]) : fallback;
	};
	return {
		once: argv.includes('--once'),
		port: valueOf('--port', Number(process.env.DEMO_N8N_PORT ?? 5678)),
		brokerPort: valueOf('--broker-port', Number(process.env.DEMO_N8N_BROKER_PORT ?? 5679)),
		simulatorPort: valueOf('--simulator-port', Number(process.env.DEMO_SIMULATOR_PORT ?? 4566)),
	};
}

/** The compiled simulator (dist/), started in this process on 127.0.0.1. */
async function startDemoFleet(port) {
	const simulator = require(path.join(ROOT, 'dist', 'simulator'));
	const fleet = simulator.loadFleet(simulator.DEMO_FLEET_PATH);
	try {
		return await simulator.startSimulator({ fleet, port });
	} catch (error) {
		if (error && error.code === 'EADDRINUSE') return await simulator.startSimulator({ fleet, port: 0 });
		throw error;
	}
}

function demoCredential(simulatorUrl) {
	const { SIMULATOR_CREDENTIALS } = require(path.join(ROOT, 'dist', 'simulator'));
	return {
		id: DEMO_CREDENTIAL_ID,
		name: 'AWS IoT Connectivity (simulated fleet)',
		type: 'awsIotConnectivityApi',
		data: {
			region: 'us-east-1',
			credentialSource: 'accessKeys',
			accessKeyId: SIMULATOR_CREDENTIALS.accessKeyId,
			secretAccessKey: SIMULATOR_CREDENTIALS.secretAccessKey,
			customEndpoints: true,
			iotEndpoint: simulatorUrl,
			managedIntegrationsEndpoint: simulatorUrl,
			stsEndpoint: simulatorUrl,
		},
	};
}

function exampleWorkflows() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.map((file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')));
}

/** Installs the package, credential and workflows into a fresh n8n user folder. */
async function prepareUserFolder(simulatorUrl, log) {
	const userFolder = runtime.createUserFolder();
	const tarball = await packPackage(userFolder);
	const installed = await runtime.installPackageTarball(userFolder, tarball);
	log(`Installed ${installed.packageName}@${installed.version} as a community package: ${installed.nodeTypes.join(', ')}`);
	await runtime.importCredentials(userFolder, [demoCredential(simulatorUrl)]);
	await runtime.importWorkflows(userFolder, exampleWorkflows());
	return userFolder;
}

/** Which output of the routing node each device left by, from the run data. */
function routedDevices(runData, workflow) {
	const searchNode = workflow.nodes.find((node) => node.type.endsWith('.awsIotConnectivity'));
	const switchNode = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.switch');
	const outputNames = switchNode.parameters.rules.values.map((rule) => rule.outputKey);
	outputNames.push(switchNode.parameters.options.renameFallbackOutput ?? 'Fallback');
	const outputs = runData[switchNode.name][0].data.main;
	const routes = [];
	outputs.forEach((items, outputIndex) => {
		for (const item of items ?? []) routes.push({ ...item.json, route: outputNames[outputIndex] });
	});
	const searched = runtime.nodeOutputJson(runData, searchNode.name).length;
	return { routes, searched };
}

function printRoutes(routes) {
	const columns = ['device', 'status', 'disconnectReason', 'secondsSinceChange', 'route'];
	const rows = routes.map((record) => ({
		device: String(record.thingName ?? record.managedThingId),
		status: String(record.status),
		disconnectReason: String(record.disconnectReason ?? ''),
		secondsSinceChange: record.secondsSinceChange === null ? '' : String(record.secondsSinceChange),
		route: record.route,
	}));
	rows.sort((a, b) => a.route.localeCompare(b.route) || a.device.localeCompare(b.device));
	const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => row[column].length)));
	const line = (cells) => cells.map((cell, index) => cell.padEnd(widths[index])).join('  ').trimEnd();
	console.log(line(columns));
	console.log(line(widths.map((width) => '-'.repeat(width))));
	for (const row of rows) console.log(line(columns.map((column) => row[column])));
}

async function runOnce(options) {
	const simulator = await startDemoFleet(0);
	let userFolder;
	try {
		userFolder = await prepareUserFolder(simulator.url, (message) => console.log(message));
		const workflow = exampleWorkflows().find((candidate) => candidate.id === DEMO_WORKFLOW_ID);
		const result = await runtime.executeWorkflow(userFolder, DEMO_WORKFLOW_ID, { port: options.port, brokerPort: options.brokerPort });
		if (!result.ok) {
			throw new Error(`The demo workflow failed in n8n: ${JSON.stringify(result.error)}\n${result.stderr.slice(-2000)}`);
		}
		const { routes, searched } = routedDevices(result.runData, workflow);
		console.log(`\n"${workflow.name}" ran in n8n: ${searched} devices from the fleet index, routed as follows\n`);
		printRoutes(routes);
		const counts = routes.reduce((tally, record) => ({ ...tally, [record.route]: (tally[record.route] ?? 0) + 1 }), {});
		console.log(`\n${Object.entries(counts).map(([route, count]) => `${route}: ${count}`).join(' · ')}`);
	} finally {
		await simulator.stop();
		if (userFolder) runtime.removeUserFolder(userFolder);
	}
}

async function runInteractive(options) {
	const simulator = await startDemoFleet(options.simulatorPort);
	console.log(`Simulated AWS fleet on ${simulator.url}`);
	let userFolder;
	let server;
	let stopping = false;
	const stop = async (exitCode) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the simulated fleet…');
		await server?.stop();
		await simulator.stop();
		if (userFolder) runtime.removeUserFolder(userFolder);
		console.log('Stopped.');
		process.exit(exitCode);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));
	try {
		userFolder = await prepareUserFolder(simulator.url, (message) => console.log(message));
		console.log('Starting n8n (about 10-15 s)…');
		server = await runtime.startServer(userFolder, { port: options.port, brokerPort: options.brokerPort });
		await runtime.setupOwner(server.url, OWNER);
	} catch (error) {
		console.error(error instanceof Error ? error.message : error);
		await stop(1);
		return;
	}

	console.log(`
n8n is running with n8n-nodes-aws-iot-connectivity installed:

  ${server.url}
  log in as ${OWNER.email} / ${OWNER.password}

  1. Open the workflow "Fleet connectivity triage (demo)".
  2. Click "Execute workflow": every device of the simulated fleet is looked up and routed to
     page on-call, open a ticket, onboarding check, or no action.
  3. Open the credential "AWS IoT Connectivity (simulated fleet)" and click "Test". To use your own
     account instead, enter your keys and region and turn "Custom Endpoints" off.

This demo keeps n8n's data in a temporary folder (${path.relative(ROOT, userFolder)}) that is
removed when it stops. Press Ctrl-C to stop everything.`);
}

async function main() {
	const options = parseArguments(process.argv.slice(2));
	runtime.assertRuntimeInstalled();
	if (!fs.existsSync(path.join(ROOT, 'dist', 'simulator', 'index.js'))) {
		throw new Error('The package is not built: run `npm run build` first (npm run demo does).');
	}
	if (options.once) await runOnce(options);
	else await runInteractive(options);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
