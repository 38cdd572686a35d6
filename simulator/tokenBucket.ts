import { performance } from 'perf_hooks';

/**
 * Classic token bucket: `capacity` tokens, refilled continuously at `ratePerSecond`. Runs on a
 * monotonic clock so tests that freeze the simulator's device clock don't freeze the limiter.
 */
export class TokenBucket {
	private tokens: number;
	private lastRefillMs: number;

	constructor(
		private readonly ratePerSecond: number,
		private readonly capacity: number = ratePerSecond,
		private readonly clockMs: () => number = () => performance.now(),
	) {
		if (!(ratePerSecond > 0) || !(capacity >= 1)) {
			throw new Error(`Token bucket needs ratePerSecond > 0 and capacity >= 1 (got ${ratePerSecond}, ${capacity})`);
		}
		this.tokens = capacity;
		this.lastRefillMs = clockMs();
	}

	/** Takes one token if there is one; false means the caller is over the rate. */
	tryTake(): boolean {
		const now = this.clockMs();
		this.tokens = Math.min(this.capacity, this.tokens + ((now - this.lastRefillMs) / 1000) * this.ratePerSecond);
		this.lastRefillMs = now;
		if (this.tokens < 1) return false;
		this.tokens -= 1;
		return true;
	}
}
