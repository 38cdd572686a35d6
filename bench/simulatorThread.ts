/**
 * Runs the simulated endpoint in a worker thread, so in a benchmark it has its own core the way
 * AWS has its own machines: in one thread, its signature checks would eat the client's CPU.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

import type { RunningSimulator, SimulatorOptions, SimulatorStats } from '../simulator';
import { startSimulator } from '../simulator';

type Command = { type: 'stats' } | { type: 'reset' } | { type: 'stop' };
type Reply = { type: 'started'; url: string } | { type: 'stats'; stats: SimulatorStats } | { type: 'done' };

export interface SimulatorThread {
	url: string;
	stats(): Promise<SimulatorStats>;
	resetStats(): Promise<void>;
	stop(): Promise<void>;
}

export async function startSimulatorThread(options: SimulatorOptions): Promise<SimulatorThread> {
	const worker = new Worker(__filename, { workerData: options });
	const replies: Array<(reply: Reply) => void> = [];
	worker.on('message', (reply: Reply) => replies.shift()?.(reply));
	const next = async () => await new Promise<Reply>((resolve) => replies.push(resolve));
	const ask = async (command: Command) => {
		const reply = next();
		worker.postMessage(command);
		return await reply;
	};
	const started = (await next()) as Extract<Reply, { type: 'started' }>;
	return {
		url: started.url,
		stats: async () => ((await ask({ type: 'stats' })) as Extract<Reply, { type: 'stats' }>).stats,
		resetStats: async () => void (await ask({ type: 'reset' })),
		stop: async () => {
			await ask({ type: 'stop' });
			await worker.terminate();
		},
	};
}

async function serveInWorker(): Promise<void> {
	const port = parentPort;
	if (!port) return;
	const simulator: RunningSimulator = await startSimulator(workerData as SimulatorOptions);
	port.on('message', async (command: Command) => {
		if (command.type === 'stats') port.postMessage({ type: 'stats', stats: { ...simulator.stats } } satisfies Reply);
		if (command.type === 'reset') {
			simulator.resetStats();
			port.postMessage({ type: 'done' } satisfies Reply);
		}
		if (command.type === 'stop') {
			await simulator.stop();
			port.postMessage({ type: 'done' } satisfies Reply);
		}
	});
	port.postMessage({ type: 'started', url: simulator.url } satisfies Reply);
}

if (!isMainThread) void serveInWorker();
