'use strict';
/**
 * The README's main job: the demo, headless (--once) and as a server that a person opens, and that
 * Ctrl-C stops without leaving a process behind.
 */
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const path = require('node:path');
const { describe, it } = require('node:test');

const runtime = require('../lib/n8nRuntime');

const DEMO = path.join(__dirname, '..', 'demo.js');

/** Runs the demo script; resolves with its output once it exits. */
function runDemo(args) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [DEMO, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
	});
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

describe('demo --once', () => {
	it('runs the demo workflow in n8n and prints where each device was routed', async () => {
		const { code, stdout, stderr } = await runDemo(['--once', '--port', '5696', '--broker-port', '5697']);
		assert.equal(code, 0, `demo --once failed:\n${stdout}\n${stderr}`);
		assert.match(stdout, /ran in n8n: 31 devices from the fleet index/);
		const routeOf = (device) => stdout.split('\n').find((line) => line.startsWith(`${device} `))?.trim().split(/\s{2,}/).pop();
		assert.equal(routeOf('p7-press-01'), 'Healthy');
		assert.equal(routeOf('p7-robot-01'), 'Page on-call');
		assert.equal(routeOf('p7-legacy-01'), 'Open ticket');
		assert.equal(routeOf('p7-new-01'), 'Onboarding check');
		assert.equal(routeOf('p9-new-01'), 'Onboarding check');
		assert.match(stdout, /Page on-call: \d+ · Open ticket: \d+ · Onboarding check: 2 · Healthy: \d+/);
	});
});

describe('demo server', () => {
	it('serves n8n on 127.0.0.1 with the package, credential and workflow, and Ctrl-C stops everything', async () => {
		const child = spawn(process.execPath, [DEMO, '--port', '5698', '--broker-port', '5699', '--simulator-port', '0'], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
		try {
			const deadline = Date.now() + 180_000;
			while (!output.includes('Press Ctrl-C to stop everything.')) {
				if (child.exitCode !== null) assert.fail(`demo exited early:\n${output}`);
				if (Date.now() > deadline) assert.fail(`demo did not come up:\n${output}`);
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
			const url = output.match(/^ {2}(http:\/\/127\.0\.0\.1:\d+)$/m)[1];
			assert.equal(url, 'http://127.0.0.1:5698');

			const session = runtime.createSession(url);
			await session.json('/rest/login', { method: 'POST', json: { emailOrLdapLoginId: 'demo@example.com', password: 'Demo-password-1' } });
			const nodeTypes = await runtime.getNodeTypes(session);
			assert.ok(nodeTypes.some((type) => type.name === 'n8n-nodes-aws-iot-connectivity.awsIotConnectivity'));
			const workflows = await session.json('/rest/workflows');
			assert.ok(workflows.data.some((workflow) => workflow.id === 'DemoFleetTriage1'));
			const credentials = await session.json('/rest/credentials');
			assert.ok(credentials.data.some((credential) => credential.type === 'awsIotConnectivityApi'));

			const processTree = [child.pid, ...runtime.descendants(child.pid)];
			assert.ok(processTree.length > 1, 'n8n runs as a child of the demo');
			child.kill('SIGINT');
			const { code } = await exited;
			assert.equal(code, 0, output);
			await new Promise((resolve) => setTimeout(resolve, 500));
			assert.deepEqual(processTree.filter(pidAlive), [], 'a process of the demo outlived it');
			assert.match(output, /Stopped\./);
		} finally {
			// A failed assertion must not leave n8n running: ask the demo to stop, then force its tree.
			if (child.exitCode === null) {
				const processTree = runtime.descendants(child.pid);
				child.kill('SIGINT');
				await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
				for (const pid of [child.pid, ...processTree].filter(pidAlive)) process.kill(pid, 'SIGKILL');
			}
		}
	});
});
