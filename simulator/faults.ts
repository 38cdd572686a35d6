import { SimulatedService, SimulatorError } from './errors';
import type { FaultOptions } from './options';
import { RandomSource, seededRandom } from './seededRandom';

/** What to do with one data-plane call: answer normally, never answer, or fail it. */
export type FaultDecision = { kind: 'none' } | { kind: 'timeout' } | { kind: 'error'; error: SimulatorError };

/** Server errors each service declares, used in turn so both kinds show up. */
const SERVER_ERRORS: Record<SimulatedService, Array<{ errorType: string; statusCode: number }>> = {
	iot: [
		{ errorType: 'InternalFailureException', statusCode: 500 },
		{ errorType: 'ServiceUnavailableException', statusCode: 503 },
	],
	iotmanagedintegrations: [
		{ errorType: 'InternalServerException', statusCode: 500 },
		{ errorType: 'ServiceUnavailableException', statusCode: 503 },
	],
	sts: [{ errorType: 'InternalFailure', statusCode: 500 }],
};

/** Random fleet-wide faults (per-device faults live in the fleet state). */
export class FaultInjector {
	private options: FaultOptions = {};
	private random: RandomSource = Math.random;
	private readonly serverErrorsIssued = new Map<SimulatedService, number>();

	constructor(options: FaultOptions | undefined) {
		this.configure(options ?? {});
	}

	/** Replaces the options; a seed restarts the deterministic sequence. */
	configure(options: FaultOptions): void {
		for (const [name, rate] of [['serverErrorRate', options.serverErrorRate], ['timeoutRate', options.timeoutRate]] as const) {
			if (rate !== undefined && !(rate >= 0 && rate <= 1)) throw new Error(`faults.${name} must be between 0 and 1, got ${rate}`);
		}
		this.options = { ...options };
		this.random = options.seed === undefined ? Math.random : seededRandom(options.seed);
		this.serverErrorsIssued.clear();
	}

	decide(service: SimulatedService): FaultDecision {
		const { timeoutRate = 0, serverErrorRate = 0 } = this.options;
		// Two independent draws so changing one rate doesn't reshuffle the other's hits.
		const timeoutDraw = timeoutRate > 0 ? this.random() : 1;
		const errorDraw = serverErrorRate > 0 ? this.random() : 1;
		if (timeoutDraw < timeoutRate) return { kind: 'timeout' };
		if (errorDraw < serverErrorRate) {
			const issued = this.serverErrorsIssued.get(service) ?? 0;
			this.serverErrorsIssued.set(service, issued + 1);
			const choices = SERVER_ERRORS[service];
			const { errorType, statusCode } = choices[issued % choices.length];
			return { kind: 'error', error: new SimulatorError(errorType, statusCode, `Simulated ${errorType}`, true) };
		}
		return { kind: 'none' };
	}
}
