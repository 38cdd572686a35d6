/**
 * How fast we talk to AWS: a bound on requests in flight and a cap on requests per second.
 * The cap is what keeps a big batch under the account quota instead of leaning on throttling
 * retries; every attempt (retries included) takes a slot.
 *
 * Written by hand (about 50 lines) rather than taken from p-limit / bottleneck: p-limit is
 * ESM-only and has no rate cap, bottleneck is unmaintained, and n8n loads nodes as CommonJS.
 */

export interface ThroughputOptions {
	/** Requests in flight at most. */
	concurrency: number;
	/** Requests started per second at most (0 = no cap). */
	maxRequestsPerSecond: number;
}

export interface RequestPacer {
	/** Resolves when the next request may start. */
	waitForSlot(): Promise<void>;
}

const sleep = async (milliseconds: number) => await new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/**
 * Generic cell rate algorithm: each request is given a start time one interval after the last,
 * allowing a small burst. Start times come from an absolute schedule, so timer jitter does not
 * accumulate into a lower rate.
 */
export class RequestRateLimiter implements RequestPacer {
	private readonly intervalMs: number;
	private readonly burstToleranceMs: number;
	private theoreticalArrivalMs = 0;

	/** burst 1 by default: a steady stream leaves the server-side bucket its own slack for jitter. */
	constructor(requestsPerSecond: number, burst = 1) {
		this.intervalMs = requestsPerSecond > 0 ? 1000 / requestsPerSecond : 0;
		this.burstToleranceMs = (burst - 1) * this.intervalMs;
	}

	async waitForSlot(): Promise<void> {
		if (this.intervalMs === 0) return;
		const nowMs = performance.now();
		const scheduledMs = Math.max(this.theoreticalArrivalMs, nowMs);
		this.theoreticalArrivalMs = scheduledMs + this.intervalMs;
		const waitMs = scheduledMs - this.burstToleranceMs - nowMs;
		if (waitMs > 0) await sleep(waitMs);
	}
}

export const UNPACED: RequestPacer = { waitForSlot: async () => {} };

/**
 * Pacers live as long as the n8n process, one per scope (caller identity and API) and rate, so
 * concurrent executions of the same workflow, or of several, share one budget instead of each
 * taking the full rate. The scope carries no secrets.
 */
const pacersByScope = new Map<string, RequestPacer>();

export function sharedPacer(scope: string, maxRequestsPerSecond: number): RequestPacer {
	if (!(maxRequestsPerSecond > 0)) return UNPACED;
	const key = `${scope}|${maxRequestsPerSecond}`;
	let pacer = pacersByScope.get(key);
	if (!pacer) {
		pacer = new RequestRateLimiter(maxRequestsPerSecond);
		pacersByScope.set(key, pacer);
	}
	return pacer;
}

/**
 * Runs `worker` over all inputs with at most `concurrency` at once; results keep input order.
 * After a worker throws, no new input is started; once the inputs in flight have settled (no
 * request is abandoned mid-air), the first error is rethrown.
 */
export async function mapWithConcurrency<Input, Output>(
	inputs: readonly Input[],
	concurrency: number,
	worker: (input: Input, index: number) => Promise<Output>,
): Promise<Output[]> {
	const results = new Array<Output>(inputs.length);
	let nextIndex = 0;
	let firstError: { error: unknown } | undefined;
	const runLane = async () => {
		while (!firstError && nextIndex < inputs.length) {
			const index = nextIndex++;
			try {
				results[index] = await worker(inputs[index], index);
			} catch (error) {
				firstError ??= { error };
			}
		}
	};
	const laneCount = Math.max(1, Math.min(Math.floor(concurrency) || 1, inputs.length));
	await Promise.all(Array.from({ length: laneCount }, runLane));
	if (firstError) throw firstError.error;
	return results;
}
