import { RequestRateLimiter, mapWithConcurrency } from '../../nodes/shared/throughput';

describe('mapWithConcurrency', () => {
	it('keeps input order and never exceeds the bound', async () => {
		let inFlight = 0;
		let maxInFlight = 0;
		const inputs = Array.from({ length: 40 }, (_, index) => index);
		const results = await mapWithConcurrency(inputs, 4, async (input) => {
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			// Later inputs finish first: order must still follow the input.
			await new Promise((resolve) => setTimeout(resolve, (40 - input) % 5));
			inFlight--;
			return input * 2;
		});
		expect(results).toEqual(inputs.map((input) => input * 2));
		expect(maxInFlight).toBe(4);
	});

	it('stops starting work after a failure and rethrows it', async () => {
		const started: number[] = [];
		await expect(
			mapWithConcurrency([0, 1, 2, 3, 4, 5], 1, async (input) => {
				started.push(input);
				if (input === 2) throw new Error('boom');
				return input;
			}),
		).rejects.toThrow('boom');
		expect(started).toEqual([0, 1, 2]);
	});

	it('handles no inputs', async () => {
		expect(await mapWithConcurrency([], 5, async () => 1)).toEqual([]);
	});
});

describe('RequestRateLimiter', () => {
	it('spaces slots by the interval after the burst (counted, not timed)', async () => {
		jest.useFakeTimers();
		try {
			const limiter = new RequestRateLimiter(100, 5);
			let granted = 0;
			const waits = Array.from({ length: 15 }, () => limiter.waitForSlot().then(() => granted++));
			await Promise.resolve();
			await jest.advanceTimersByTimeAsync(0);
			expect(granted).toBe(5); // the burst
			await jest.advanceTimersByTimeAsync(50);
			expect(granted).toBe(10); // five more after 5 × 10 ms
			await jest.advanceTimersByTimeAsync(50);
			await Promise.all(waits);
			expect(granted).toBe(15);
		} finally {
			jest.useRealTimers();
		}
	});
});
