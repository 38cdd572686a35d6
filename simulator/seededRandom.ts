/** A uniform [0, 1) source; seeded ones repeat exactly, which keeps fault runs and fleets reproducible. */
export type RandomSource = () => number;

/** mulberry32: tiny, fast and good enough for test data and fault draws. */
export function seededRandom(seed: number): RandomSource {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let mixed = state;
		mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
		mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
		return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
	};
}
