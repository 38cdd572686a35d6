import { randomUUID } from 'crypto';
import { setMaxListeners } from 'events';
import { createServer, IncomingMessage, ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';
import { setTimeout as delay } from 'timers/promises';
import { CredentialStore } from './credentialStore';
import { SimulatedService, SimulatorError, throttlingError } from './errors';
import { FaultInjector } from './faults';
import { FleetManagedThing, FleetThing, IndexStatus, validateFleet } from './fleet';
import { FleetState } from './fleetState';
import { DEFAULT_REGION, FaultOptions, SIMULATOR_CREDENTIALS, SIMULATOR_ROLE_ARN, SimulatorOptions } from './options';
import { readReceivedRequest } from './receivedRequest';
import { iotRoutes } from './routes/iot';
import { managedIntegrationsRoutes } from './routes/managedIntegrations';
import { matchRoute, Route } from './routes/route';
import { stsRoutes } from './routes/sts';
import { verifySigV4 } from './sigv4Verify';
import { createStats, resetStats, SimulatorStats } from './stats';
import { TokenBucket } from './tokenBucket';
import { errorResponse, SimulatorResponse } from './wireResponses';

export interface RunningSimulator {
	/** 'http://127.0.0.1:PORT' */
	url: string;
	port: number;
	/** Live counters (the same object across resetStats). */
	stats: SimulatorStats;
	resetStats(): void;
	/** Patches or creates a thing; see FleetState.setThing for how time and reason follow `connected`. */
	setThing(thingName: string, patch: Partial<FleetThing>): void;
	setManagedThing(id: string, patch: Partial<FleetManagedThing>): void;
	setFaults(faults: FaultOptions): void;
	setIndexStatus(status: IndexStatus): void;
	/** Closes the server and destroys open (keep-alive and held) sockets. */
	stop(): Promise<void>;
}

const ROUTES: readonly Route[] = [...iotRoutes, ...managedIntegrationsRoutes, ...stsRoutes];
const HOLD = Symbol('hold');

/** Starts the simulated AWS endpoint on 127.0.0.1. */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
	const clock = options.now ?? Date.now;
	const state = new FleetState(validateFleet(options.fleet, 'options.fleet'), clock());
	const region = options.region ?? DEFAULT_REGION;
	const credentialStore = new CredentialStore(options.credentials ?? [SIMULATOR_CREDENTIALS]);
	const roles = options.roles ?? [{ roleArn: SIMULATOR_ROLE_ARN }];
	const latencyMs = options.latencyMs ?? 0;
	const bucket = options.rateLimit && new TokenBucket(options.rateLimit.requestsPerSecond, options.rateLimit.burst ?? options.rateLimit.requestsPerSecond);
	const faults = new FaultInjector(options.faults);
	const stats = createStats();
	const stopping = new AbortController();
	// Every delayed response listens on this signal; hundreds in flight are expected.
	setMaxListeners(0, stopping.signal);
	const sockets = new Set<Socket>();
	let inFlight = 0;

	/** Runs one request through routing, auth, rate limit and faults; HOLD means never answer. */
	async function respond(message: IncomingMessage, requestId: string): Promise<SimulatorResponse | typeof HOLD> {
		let service: SimulatedService = 'iot';
		try {
			const request = await readReceivedRequest(message);
			const match = matchRoute(ROUTES, request.method, request.rawPath);
			if (match === undefined) {
				count('UnknownOperation');
				throw new SimulatorError('UnknownOperationException', 404, `No operation matches ${request.method} ${request.rawPath}.`);
			}
			const { route, params } = match;
			service = route.service;
			count(route.operation);
			let caller;
			try {
				caller = await verifySigV4(request, { service: route.service, region }, credentialStore);
			} catch (error) {
				stats.rejectedAuth += 1;
				throw error;
			}
			if (route.dataPlane) {
				if (bucket !== undefined && !bucket.tryTake()) {
					stats.throttled += 1;
					throw throttlingError(route.service);
				}
				const decision = faults.decide(route.service);
				if (decision.kind === 'timeout') {
					stats.faultsInjected += 1;
					return HOLD;
				}
				if (decision.kind === 'error') throw decision.error;
			}
			return route.handle({
				params,
				query: request.query,
				body: Buffer.from(request.body),
				caller,
				requestId,
				nowMs: clock(),
				region,
				state,
				credentials: credentialStore,
				roles,
			});
		} catch (error) {
			if (error instanceof SimulatorError) {
				if (error.injected) stats.faultsInjected += 1;
				return errorResponse(service, error, requestId);
			}
			if (message.destroyed) return HOLD; // client went away mid-request: nobody to answer
			const internal = service === 'iotmanagedintegrations' ? 'InternalServerException' : 'InternalFailureException';
			process.stderr.write(`simulator: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
			return errorResponse(service, new SimulatorError(internal, 500, 'Internal simulator error.'), requestId);
		}
	}

	function count(operation: string): void {
		stats.requestsByOperation[operation] = (stats.requestsByOperation[operation] ?? 0) + 1;
	}

	async function handle(message: IncomingMessage, reply: ServerResponse): Promise<void> {
		stats.total += 1;
		inFlight += 1;
		stats.maxConcurrent = Math.max(stats.maxConcurrent, inFlight);
		reply.once('close', () => {
			inFlight -= 1;
		});
		const requestId = randomUUID();
		const response = await respond(message, requestId);
		if (response === HOLD) return; // answered by nobody: the client times out, stop() destroys the socket
		try {
			if (latencyMs > 0) await delay(latencyMs, undefined, { signal: stopping.signal });
		} catch {
			return; // stopped while waiting
		}
		if (reply.destroyed || reply.writableEnded) return;
		reply.writeHead(response.statusCode, {
			...response.headers,
			'x-amzn-requestid': requestId,
			'content-length': Buffer.byteLength(response.body),
		});
		reply.end(response.body);
	}

	const server = createServer((message, reply) => {
		void handle(message, reply);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;

	return {
		url: `http://127.0.0.1:${port}`,
		port,
		stats,
		resetStats: () => {
			resetStats(stats);
			stats.maxConcurrent = inFlight;
		},
		setThing: (thingName, patch) => state.setThing(thingName, patch, clock()),
		setManagedThing: (id, patch) => state.setManagedThing(id, patch, clock()),
		setFaults: (next) => faults.configure(next),
		setIndexStatus: (status) => {
			state.indexStatus = status;
		},
		stop: () =>
			new Promise<void>((resolve) => {
				stopping.abort();
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
				sockets.clear();
			}),
	};
}
