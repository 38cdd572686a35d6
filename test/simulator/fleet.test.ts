import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DEMO_FLEET_PATH, DISCONNECT_REASONS, generateFleet, loadFleet } from '../../simulator';
import { TokenBucket } from '../../simulator/tokenBucket';

describe('fleet files and generation', () => {
	it('loads the demo fleet with every documented reason, an unknown one and the edge cases', () => {
		const demo = loadFleet(DEMO_FLEET_PATH);
		const reasons = new Set(demo.things.map((thing) => thing.disconnectReason));
		for (const reason of DISCONNECT_REASONS) expect(reasons).toContain(reason);
		expect(reasons).toContain('QUANTUM_DECOHERENCE');
		expect(reasons).toContain('UNKNOWN');
		expect(demo.things.some((thing) => thing.timestamp === 0 && thing.disconnectReason === 'UNKNOWN')).toBe(true);
		expect(demo.things.some((thing) => !thing.connected && thing.timestamp === undefined && thing.secondsAgo === undefined && !thing.disconnectReason)).toBe(
			true,
		);
		expect(demo.things.some((thing) => thing.secondsAgo !== undefined && !Number.isInteger(thing.secondsAgo))).toBe(true);
		expect(demo.things.some((thing) => thing.flapPeriodSeconds !== undefined)).toBe(true);
		expect(demo.thingGroups?.find((group) => group.name === 'plant-9')?.parent).toBe('region-emea');
		expect(demo.managedThings?.length).toBeGreaterThanOrEqual(6);
	});

	it('explains what is wrong with a bad fleet file', () => {
		const dir = mkdtempSync(join(tmpdir(), 'fleet-'));
		const write = (name: string, content: unknown) => {
			const path = join(dir, name);
			writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
			return path;
		};
		expect(() => loadFleet(write('broken.json', '{'))).toThrow(/Cannot read fleet file/);
		expect(() => loadFleet(write('name.json', { things: [{ thingName: 'bad name', connected: true }] }))).toThrow(/thingName/);
		expect(() => loadFleet(write('both.json', { things: [{ thingName: 't', connected: true, timestamp: 1, secondsAgo: 1 }] }))).toThrow(/not both/);
		expect(() => loadFleet(write('ms.json', { things: [{ thingName: 't', connected: true, timestamp: 1767225600000 }] }))).toThrow(/milliseconds/);
		expect(() => loadFleet(write('dup.json', { things: [{ thingName: 't', connected: true }, { thingName: 't', connected: false }] }))).toThrow(/duplicate/);
	});

	it('generates the same fleet for the same seed, with a predictable mix', () => {
		const fleet = generateFleet(2000, { seed: 3 });
		expect(generateFleet(2000, { seed: 3 })).toEqual(fleet);
		expect(fleet.things).toHaveLength(2000);
		expect(fleet.things.filter((thing) => thing.connected)).toHaveLength(1600);
		const disconnected = fleet.things.filter((thing) => !thing.connected && thing.disconnectReason && thing.disconnectReason !== 'UNKNOWN');
		expect(disconnected).toHaveLength(300);
		expect(new Set(disconnected.map((thing) => thing.disconnectReason))).toEqual(new Set(DISCONNECT_REASONS));
		expect(fleet.things.filter((thing) => thing.timestamp === 0 && thing.disconnectReason === 'UNKNOWN')).toHaveLength(50);
		expect(fleet.things.filter((thing) => !thing.connected && thing.timestamp === undefined && thing.secondsAgo === undefined)).toHaveLength(50);
		expect(fleet.managedThings).toHaveLength(200);
		expect(fleet.thingGroups?.filter((group) => group.name.startsWith('site-'))).toHaveLength(20);
	});
});

describe('TokenBucket', () => {
	it('allows a burst, then refills at the configured rate', () => {
		let now = 0;
		const bucket = new TokenBucket(10, 2, () => now);
		expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, false]);
		now += 100; // one token at 10/s
		expect([bucket.tryTake(), bucket.tryTake()]).toEqual([true, false]);
		now += 10_000; // never above capacity
		expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, false]);
	});
});
