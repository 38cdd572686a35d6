'use strict';
/**
 * The package inside real n8n 2.x: installed from its npm tarball as a community package, loaded by
 * n8n's own loader, executed by n8n's own engine against the simulated AWS fleet. Assertions are on
 * the items each node produced.
 *
 *   npm run test:e2e
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, describe, it } = require('node:test');

const runtime = require('../lib/n8nRuntime');
const { packPackage, ROOT } = require('../lib/packPackage');

const simulatorModule = require(path.join(ROOT, 'dist', 'simulator'));

const PACKAGE = 'n8n-nodes-aws-iot-connectivity';
const CREDENTIAL_ID = 'e2eAwsIotCred001';
const WRONG_SECRET_CREDENTIAL_ID = 'e2eAwsIotCredBad';
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
// Ports of their own, so a running demo (5678/5679) does not collide.
const CLI_PORTS = { port: 5692, brokerPort: 5693 };
const SERVER_PORTS = { port: 5694, brokerPort: 5695 };

const workflowFile = (name) => JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'workflows', name), 'utf8'));

function credentialFor(id, name, simulatorUrl, overrides = {}) {
	return {
		id,
		name,
		type: 'awsIotConnectivityApi',
		data: {
			region: 'us-east-1',
			credentialSource: 'accessKeys',
			accessKeyId: simulatorModule.SIMULATOR_CREDENTIALS.accessKeyId,
			secretAccessKey: simulatorModule.SIMULATOR_CREDENTIALS.secretAccessKey,
			customEndpoints: true,
			iotEndpoint: simulatorUrl,
			managedIntegrationsEndpoint: simulatorUrl,
			stsEndpoint: simulatorUrl,
			...overrides,
		},
	};
}

/** A record as the README documents it; the age must follow from timestamp and observedAt. */
function assertRecordShape(record) {
	assert.ok(['iot', 'managedIntegrations', 'fleetIndex'].includes(record.source), `source ${record.source}`);
	assert.equal(typeof record.connected, 'boolean');
	assert.ok(['connected', 'disconnected', 'neverConnected'].includes(record.status), `status ${record.status}`);
	assert.match(record.observedAt, ISO_INSTANT);
	if (record.timestamp === null) {
		assert.equal(record.secondsSinceChange, null);
	} else {
		assert.match(record.timestamp, ISO_INSTANT);
		const ageSeconds = Math.floor((Date.parse(record.observedAt) - Date.parse(record.timestamp)) / 1000);
		assert.equal(record.secondsSinceChange, ageSeconds);
	}
}

const byName = (records, key = 'thingName') => Object.fromEntries(records.map((record) => [record[key], record]));

let simulator;
let userFolder;
/** The Get operation's record of p7-robot-01 (epoch seconds), to compare with the fleet index's (milliseconds). */
let robotFromGet;
let fleet;
let installed;

before(async () => {
	runtime.assertRuntimeInstalled();
	fleet = simulatorModule.loadFleet(simulatorModule.DEMO_FLEET_PATH);
	simulator = await simulatorModule.startSimulator({ fleet });
	userFolder = runtime.createUserFolder();
	installed = await runtime.installPackageTarball(userFolder, await packPackage(userFolder));
	await runtime.importCredentials(
		userFolder,
		[
			credentialFor(CREDENTIAL_ID, 'AWS IoT Connectivity (simulator)', simulator.url),
			credentialFor(WRONG_SECRET_CREDENTIAL_ID, 'AWS IoT Connectivity (wrong secret)', simulator.url, { secretAccessKey: 'not-the-secret' }),
		],
		CLI_PORTS,
	);
	const workflows = fs.readdirSync(path.join(__dirname, '..', 'workflows')).filter((file) => file.endsWith('.json')).map(workflowFile);
	await runtime.importWorkflows(userFolder, workflows, CLI_PORTS);
});

after(async () => {
	await simulator?.stop();
	if (userFolder) runtime.removeUserFolder(userFolder);
});

async function execute(workflowId) {
	const result = await runtime.executeWorkflow(userFolder, workflowId, CLI_PORTS);
	assert.ok(result.ok, `workflow ${workflowId} failed: ${JSON.stringify(result.error)}\n${result.stderr.slice(-1500)}`);
	return result.runData;
}

describe('the package as n8n installs it', () => {
	it('registers its node under the package name, not CUSTOM', () => {
		assert.deepEqual(installed.nodeTypes, [`${PACKAGE}.awsIotConnectivity`]);
		assert.deepEqual(installed.credentialTypes, ['awsIotConnectivityApi']);
	});
});

describe('Get Thing Connectivity in n8n', () => {
	it('returns one normalized record per input item, paired, with never-connected and unknown reasons right', async () => {
		const runData = await execute('E2eGetThings0001');
		const run = runData['Get Thing Connectivity'][0];
		const items = run.data.main[0];
		assert.deepEqual(
			items.map((item) => item.pairedItem),
			[0, 1, 2, 3, 4].map((item) => ({ item })),
		);
		const records = items.map((item) => item.json);
		records.forEach(assertRecordShape);
		const things = byName(records);
		assert.deepEqual(Object.keys(things), ['p7-press-01', 'p7-robot-01', 'p7-new-01', 'p9-meter-01', 'p9-new-01']);
		assert.equal(things['p7-press-01'].status, 'connected');
		assert.equal(things['p7-press-01'].source, 'iot');
		assert.deepEqual(
			[things['p7-robot-01'].status, things['p7-robot-01'].disconnectReason],
			['disconnected', 'CONNECTION_LOST'],
		);
		assert.deepEqual([things['p7-new-01'].status, things['p7-new-01'].timestamp], ['neverConnected', null]);
		assert.deepEqual([things['p9-new-01'].status, things['p9-new-01'].disconnectReason], ['neverConnected', null]);
		assert.equal(things['p9-meter-01'].disconnectReason, 'QUANTUM_DECOHERENCE');
		robotFromGet = things['p7-robot-01'];
	});
});

describe('Get Managed Thing Connectivity in n8n', () => {
	it('returns the same record shape keyed by managedThingId', async () => {
		const runData = await execute('E2eGetManaged001');
		const records = runtime.nodeOutputJson(runData, 'Get Managed Thing Connectivity');
		records.forEach(assertRecordShape);
		const things = byName(records, 'managedThingId');
		assert.deepEqual(Object.keys(things), ['mi-thermostat-01', 'mi-plug-01', 'mi-sensor-01']);
		assert.equal(things['mi-thermostat-01'].source, 'managedIntegrations');
		assert.equal(things['mi-thermostat-01'].status, 'connected');
		assert.deepEqual([things['mi-plug-01'].status, things['mi-plug-01'].disconnectReason], ['disconnected', 'CONNECTION_LOST']);
		assert.equal(things['mi-sensor-01'].status, 'neverConnected');
	});
});

describe('Search Fleet Connectivity in n8n', () => {
	it('returns every disconnected plant-7 thing of the demo fleet, timestamps read as milliseconds', async () => {
		const runData = await execute('E2eSearchFleet01');
		const records = runtime.nodeOutputJson(runData, 'Search Fleet Connectivity');
		records.forEach(assertRecordShape);
		for (const record of records) {
			assert.equal(record.source, 'fleetIndex');
			assert.equal(record.connected, false);
			assert.ok(record.thingGroupNames.includes('plant-7'), `${record.thingName} groups ${record.thingGroupNames}`);
		}
		// The flapping thing's state depends on the clock; every other match is fixed by the fleet file.
		const expected = fleet.things
			.filter((thing) => !thing.connected && !thing.flapPeriodSeconds && thing.thingGroupNames?.includes('plant-7'))
			.map((thing) => thing.thingName)
			.sort();
		const returned = records.map((record) => record.thingName).filter((name) => name !== 'p7-flapper-01').sort();
		assert.deepEqual(returned, expected);
		// Seconds from Get Thing Connectivity and milliseconds from the index: the same instant.
		assert.ok(robotFromGet, 'the Get Thing Connectivity test runs first');
		assert.equal(byName(records)['p7-robot-01'].timestamp, robotFromGet.timestamp);
	});
});

describe('continue on fail in n8n', () => {
	it('turns the missing thing into an error item with its identifiers; the other items succeed', async () => {
		const runData = await execute('E2eContinueFail1');
		const items = runData['Get Thing Connectivity'][0].data.main[0];
		assert.equal(items.length, 3);
		assert.deepEqual(items.map((item) => item.pairedItem), [{ item: 0 }, { item: 1 }, { item: 2 }]);
		assert.equal(items[0].json.status, 'connected');
		assert.equal(items[1].json.thingName, 'no-such-thing');
		assert.equal(items[1].json.errorCode, 'ResourceNotFoundException');
		assert.equal(items[1].json.httpStatusCode, 404);
		assert.match(items[1].json.error, /ResourceNotFoundException/);
		assert.match(items[1].json.errorHint, /No thing named "no-such-thing" exists in region us-east-1/);
		assert.equal(items[2].json.disconnectReason, 'AUTH_ERROR');
	});
});

describe('n8n server with the package', () => {
	let server;
	let session;

	before(async () => {
		server = await runtime.startServer(userFolder, SERVER_PORTS);
		session = await runtime.setupOwner(server.url);
	});
	after(async () => await server?.stop());

	it('lists the node in the editor under the package name', async () => {
		const nodeTypes = await runtime.getNodeTypes(session);
		const node = nodeTypes.find((type) => type.name === `${PACKAGE}.awsIotConnectivity`);
		assert.ok(node, 'node type missing from /types/nodes.json');
		assert.equal(node.displayName, 'AWS IoT Connectivity');
		assert.equal(node.usableAsTool, true);
		const operation = node.properties.find((property) => property.name === 'operation');
		assert.deepEqual(
			operation.options.map((option) => option.value),
			['getThingConnectivity', 'getManagedThingConnectivity', 'searchConnectivity'],
		);
	});

	it('passes the credential test with working keys', async () => {
		const stored = credentialFor(CREDENTIAL_ID, 'AWS IoT Connectivity (simulator)', simulator.url);
		const answer = await session.json('/rest/credentials/test', { method: 'POST', json: { credentials: stored } });
		assert.equal(answer.data.status, 'OK', JSON.stringify(answer));
		assert.match(answer.data.message, /thing connectivity indexing is on/);
	});

	it('fails the credential test with a wrong secret, in words, without echoing it', async () => {
		const stored = credentialFor(WRONG_SECRET_CREDENTIAL_ID, 'AWS IoT Connectivity (wrong secret)', simulator.url, { secretAccessKey: 'not-the-secret' });
		const answer = await session.json('/rest/credentials/test', { method: 'POST', json: { credentials: stored } });
		assert.equal(answer.data.status, 'Error', JSON.stringify(answer));
		assert.match(answer.data.message, /^Wrong keys: .*Secret Access Key/);
		assert.ok(!answer.data.message.includes('not-the-secret'));
	});
});
