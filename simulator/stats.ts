export interface SimulatorStats {
	/** Every request routed to an operation, whatever its outcome; unknown routes count as UnknownOperation. */
	requestsByOperation: Record<string, number>;
	throttled: number;
	rejectedAuth: number;
	/** Random server errors, held (timed-out) requests and per-device faults. */
	faultsInjected: number;
	/** Highest number of requests in flight at once (held ones included). */
	maxConcurrent: number;
	total: number;
}

export function createStats(): SimulatorStats {
	return { requestsByOperation: {}, throttled: 0, rejectedAuth: 0, faultsInjected: 0, maxConcurrent: 0, total: 0 };
}

/** Zeroes in place, so references handed out earlier stay live. */
export function resetStats(stats: SimulatorStats): void {
	Object.assign(stats, createStats());
}
