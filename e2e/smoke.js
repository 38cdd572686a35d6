#!/usr/bin/env node
'use strict';
/**
 * Proves the e2e harness end to end without the real package: builds a throwaway community package
 * (one node, one credential type, one runtime dependency) in a temp dir, packs it, installs it into a
 * fresh n8n user folder, imports a credential and workflows, executes them headless, then starts the
 * server, checks the node type over REST and stops it, leaving no process behind.
 *
 *   e2e/install-runtime.sh && node e2e/smoke.js
 *   E2E_N8N_PORT=5690 E2E_N8N_BROKER_PORT=5691 node e2e/smoke.js   (defaults)
 *   E2E_KEEP=1 node e2e/smoke.js                                    keep the temp dirs for inspection
 */

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const h = require('./lib/n8nRuntime');

const PORT = h.DEFAULT_PORT;
const BROKER_PORT = h.DEFAULT_BROKER_PORT;
const PKG_NAME = 'n8n-nodes-e2e-smoke';
const NODE_TYPE = `${PKG_NAME}.smokeNode`;
// A runtime dependency n8n itself does not ship: proves the package's own deps get installed.
const RUNTIME_DEP = { name: 'json-rules-engine', version: '7.3.1' };

const timings = {};
async function timed(label, fn) {
  const t0 = Date.now();
  try {
    return await fn();
  } finally {
    timings[label] = Date.now() - t0;
    console.log(`  ${label}: ${timings[label]} ms`);
  }
}

function writeSmokePackage(dir) {
  const w = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  w('package.json', JSON.stringify({
    name: PKG_NAME,
    version: '0.0.1',
    description: 'Throwaway package for the e2e harness smoke test',
    license: 'MIT',
    keywords: ['n8n-community-node-package'],
    files: ['dist'],
    n8n: {
      n8nNodesApiVersion: 1,
      credentials: ['dist/credentials/SmokeApi.credentials.js'],
      nodes: ['dist/nodes/SmokeNode/SmokeNode.node.js'],
    },
    peerDependencies: { 'n8n-workflow': '*' },
    dependencies: { [RUNTIME_DEP.name]: RUNTIME_DEP.version },
  }, null, 2));
  w('dist/credentials/SmokeApi.credentials.js', `'use strict';
class SmokeApi {
  constructor() {
    this.name = 'smokeApi';
    this.displayName = 'Smoke API';
    this.properties = [
      { displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
    ];
  }
}
exports.SmokeApi = SmokeApi;
`);
  w('dist/nodes/SmokeNode/SmokeNode.node.js', `'use strict';
const { NodeOperationError } = require('n8n-workflow');
class SmokeNode {
  constructor() {
    this.description = {
      displayName: 'E2E Smoke',
      name: 'smokeNode',
      group: ['transform'],
      version: 1,
      description: 'Outputs {hello: "world"}',
      defaults: { name: 'E2E Smoke' },
      inputs: ['main'],
      outputs: ['main'],
      credentials: [{ name: 'smokeApi', required: false }],
      properties: [
        { displayName: 'Use Credential', name: 'useCredential', type: 'boolean', default: false },
        { displayName: 'Fail', name: 'fail', type: 'boolean', default: false },
      ],
    };
  }
  async execute() {
    if (this.getNodeParameter('fail', 0)) {
      throw new NodeOperationError(this.getNode(), 'smoke failure requested');
    }
    const json = { hello: 'world' };
    const depPath = require.resolve('${RUNTIME_DEP.name}/package.json');
    json.dep = { version: require(depPath).version, path: depPath };
    if (this.getNodeParameter('useCredential', 0)) {
      const creds = await this.getCredentials('smokeApi');
      json.token = creds.token;
    }
    return [[{ json, pairedItem: { item: 0 } }]];
  }
}
exports.SmokeNode = SmokeNode;
`);
}

function workflow(id, name, smokeParams, credentials) {
  const smoke = {
    id: 'b1e2e000-0000-4000-8000-000000000002',
    name: 'Smoke',
    type: NODE_TYPE,
    typeVersion: 1,
    position: [220, 0],
    parameters: smokeParams,
  };
  if (credentials) smoke.credentials = credentials;
  return {
    id,
    name,
    active: false,
    nodes: [
      {
        id: 'b1e2e000-0000-4000-8000-000000000001',
        name: 'Manual',
        type: 'n8n-nodes-base.manualTrigger',
        typeVersion: 1,
        position: [0, 0],
        parameters: {},
      },
      smoke,
    ],
    connections: { Manual: { main: [[{ node: 'Smoke', type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' },
    pinData: {},
  };
}

function n8nProcessesUnder(dir) {
  // Any n8n process whose command line or working directory is inside our temp dir.
  const pids = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const cwd = fs.readlinkSync(`/proc/${entry}/cwd`);
      if (/n8n/.test(cmd) && (cwd.startsWith(dir) || cmd.includes(dir))) pids.push(`${entry}: ${cmd}`);
    } catch {
      // gone or not ours
    }
  }
  return pids;
}

const exitCrashes = [];
function noteExitCrash(label, r) {
  if (r.crashedOnExit) exitCrashes.push(`${label}: ${r.crashedOnExit}`);
  return r;
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-smoke-'));
  let server;
  let ok = false;
  try {
    console.log(`smoke: temp dir ${tmp}; ports ${PORT}/${BROKER_PORT}`);
    h.assertRuntimeInstalled();

    // 1. A throwaway package, packed as users would receive it.
    const pkgDir = path.join(tmp, 'pkg');
    writeSmokePackage(pkgDir);
    const tarballName = await timed('npm pack', async () => {
      const r = await h.runCommand('npm', ['pack', '--silent', `--pack-destination=${tmp}`], { cwd: pkgDir });
      assert.equal(r.code, 0, r.stderr);
      return r.stdout.trim().split('\n').pop();
    });
    const tarball = path.join(tmp, tarballName);

    // 2. Fresh user folder + community-package install.
    const userFolder = h.createUserFolder(path.join(tmp, 'users'));
    const installed = await timed('installPackageTarball', () => h.installPackageTarball(userFolder, tarball));
    assert.equal(installed.packageName, PKG_NAME);
    assert.deepEqual(installed.nodeTypes, [NODE_TYPE]);
    assert.deepEqual(installed.credentialTypes, ['smokeApi']);
    assert.ok(fs.existsSync(path.join(installed.packageDir, 'node_modules', RUNTIME_DEP.name, 'package.json')),
      'runtime dependency installed inside the package');
    assert.ok(!fs.existsSync(path.join(installed.packageDir, 'node_modules', 'n8n-workflow')),
      'n8n-workflow (peer) must come from n8n, not be installed with the package');

    // 3. Credential + workflows via the CLI.
    const credId = 'e2eSmokeCred0001';
    await timed('importCredentials', () => h.importCredentials(userFolder, [
      { id: credId, name: 'Smoke cred', type: 'smokeApi', data: { token: 's3cret-token' } },
    ]));
    const wfDir = path.join(tmp, 'workflows');
    fs.mkdirSync(wfDir);
    const wfs = {
      plain: workflow('e2eSmokeWf000001', 'Smoke plain', {}),
      cred: workflow('e2eSmokeWf000002', 'Smoke credential', { useCredential: true },
        { smokeApi: { id: credId, name: 'Smoke cred' } }),
      fail: workflow('e2eSmokeWf000003', 'Smoke failure', { fail: true }),
    };
    const plainFile = path.join(wfDir, 'plain.json');
    fs.writeFileSync(plainFile, JSON.stringify(wfs.plain, null, 2));
    await timed('importWorkflow(plain)', () => h.importWorkflow(userFolder, plainFile));
    await timed('importWorkflows(cred, fail)', () => h.importWorkflows(userFolder, [wfs.cred, wfs.fail]));

    // 4. Headless execution.
    const plain = noteExitCrash('plain', await timed('executeWorkflow(plain)', () => h.executeWorkflow(userFolder, wfs.plain.id)));
    assert.ok(plain.ok, `plain run failed: exit ${plain.exitCode} ${plain.signal} ${JSON.stringify(plain.error)}\n` +
      `--- stdout (log lines) ---\n${plain.stdout.split('\n{\n')[0].slice(-3000)}\n--- stderr ---\n${plain.stderr.slice(-3000)}`);
    const [out] = h.nodeOutputJson(plain.runData, 'Smoke');
    assert.equal(out.hello, 'world');
    assert.equal(out.dep.version, RUNTIME_DEP.version);
    assert.ok(out.dep.path.startsWith(installed.packageDir), `dependency resolved from ${out.dep.path}`);

    const cred = noteExitCrash('cred', await timed('executeWorkflow(cred)', () => h.executeWorkflow(userFolder, wfs.cred.id)));
    assert.ok(cred.ok, `credential run failed: ${JSON.stringify(cred.error)}`);
    assert.equal(h.nodeOutputJson(cred.runData, 'Smoke')[0].token, 's3cret-token');

    const fail = noteExitCrash('fail', await timed('executeWorkflow(fail)', () => h.executeWorkflow(userFolder, wfs.fail.id)));
    assert.equal(fail.ok, false);
    assert.ok(fail.exitCode === 1 || fail.crashedOnExit, `fail run: exit ${fail.exitCode} ${fail.signal}`);
    assert.equal(fail.status, 'error');
    assert.match(String(fail.error?.message), /smoke failure requested/);
    assert.equal(fail.lastNodeExecuted, 'Smoke');

    // 5. Server: owner setup, node type over REST, clean stop.
    server = await timed('startServer', () => h.startServer(userFolder, { port: PORT, brokerPort: BROKER_PORT }));
    const session = await timed('setupOwner', () => h.setupOwner(server.url));
    const types = await timed('getNodeTypes', () => h.getNodeTypes(session));
    const smokeType = types.find((t) => t.name === NODE_TYPE);
    assert.ok(smokeType, `${NODE_TYPE} missing from /types/nodes.json (${types.length} types)`);
    assert.equal(smokeType.displayName, 'E2E Smoke');
    const credTypes = await h.getCredentialTypes(session);
    assert.ok(credTypes.some((c) => c.name === 'smokeApi'), 'smokeApi missing from /types/credentials.json');
    // The imported credential is visible through the REST API too.
    const creds = await session.json('/rest/credentials');
    assert.ok((creds.data ?? creds).some((c) => c.id === credId), 'imported credential not listed');

    const tree = h.descendants(server.pid);
    const running = n8nProcessesUnder(tmp);
    console.log(`  server pid ${server.pid}, ${tree.length} descendant process(es):\n    ${running.join('\n    ')}`);
    assert.ok(running.length >= 1, 'process check sees the running server');
    // While the server runs, the CLI can still execute in the same user folder on another broker port.
    const during = await timed('executeWorkflow(plain, server running)', () =>
      h.executeWorkflow(userFolder, wfs.plain.id, { port: PORT + 2, brokerPort: BROKER_PORT + 2 }));
    noteExitCrash('beside server', during);
    assert.ok(during.ok, `run beside the server failed: ${JSON.stringify(during.error)}`);

    const stopped = await timed('stopServer', () => server.stop());
    console.log(`  stopped with ${stopped.signal}`);
    const outbound = server.logs().split('\n').filter((l) => /ENOTFOUND|EAI_AGAIN/.test(l));
    if (outbound.length) console.warn(`  warning: n8n tried to reach the internet:\n    ${outbound.join('\n    ')}`);
    const left = n8nProcessesUnder(tmp);
    assert.deepEqual(left, [], `n8n processes left behind:\n${left.join('\n')}`);
    for (const pid of [server.pid, ...tree]) {
      assert.throws(() => process.kill(pid, 0), /ESRCH/, `pid ${pid} still alive`);
    }
    server = undefined;
    ok = true;
  } finally {
    if (server) await server.stop().catch((e) => console.error(e));
    if (ok && process.env.E2E_KEEP !== '1') fs.rmSync(tmp, { recursive: true, force: true });
    else console.log(`smoke: kept ${tmp}`);
  }
  if (exitCrashes.length) {
    console.log(`smoke: note: n8n execute crashed while exiting after a complete result (known isolated-vm teardown crash): ${exitCrashes.join(', ')}`);
  }
  console.log(`smoke: OK ${JSON.stringify(timings)}`);
}

main().catch((err) => {
  console.error('smoke: FAILED');
  console.error(err);
  process.exitCode = 1;
});

