import { Fleet, FleetManagedThing, FleetThing, IndexStatus, resolveTimestamp, validateFleet } from './fleet';

/** A device plus how many more injected failures it owes (undefined = forever). */
interface DeviceRecord<T> {
	device: T;
	faultsLeft?: number;
}

/**
 * The simulator's live, mutable view of the fleet. Relative timestamps are fixed to absolute
 * epoch seconds when a device is loaded or patched, so devices age as the clock moves.
 */
export class FleetState {
	indexStatus: IndexStatus;
	private readonly things = new Map<string, DeviceRecord<FleetThing>>();
	private readonly managedThings = new Map<string, DeviceRecord<FleetManagedThing>>();
	private readonly groupParents = new Map<string, string | undefined>();

	constructor(fleet: Fleet, startMs: number) {
		this.indexStatus = fleet.indexStatus ?? 'ACTIVE';
		for (const group of fleet.thingGroups ?? []) this.addGroup(group.name, group.parent);
		for (const thing of fleet.things) this.putThing(absolute(structuredClone(thing), startMs));
		for (const managed of fleet.managedThings ?? []) this.putManagedThing(absolute(structuredClone(managed), startMs));
	}

	getThing(thingName: string): FleetThing | undefined {
		return this.things.get(thingName)?.device;
	}

	/** In fleet order, which keeps pagination stable. */
	allThings(): FleetThing[] {
		return [...this.things.values()].map((record) => record.device);
	}

	getManagedThing(id: string): FleetManagedThing | undefined {
		return this.managedThings.get(id)?.device;
	}

	allManagedThings(): FleetManagedThing[] {
		return [...this.managedThings.values()].map((record) => record.device);
	}

	hasGroup(name: string): boolean {
		return this.groupParents.has(name);
	}

	/** Names of things in a group; recursive adds the things of every descendant group. */
	thingNamesInGroup(groupName: string, recursive: boolean): string[] {
		const groups = new Set([groupName]);
		if (recursive) {
			let grew = true;
			while (grew) {
				grew = false;
				for (const [child, parent] of this.groupParents) {
					if (parent !== undefined && groups.has(parent) && !groups.has(child)) {
						groups.add(child);
						grew = true;
					}
				}
			}
		}
		return this.allThings()
			.filter((thing) => (thing.thingGroupNames ?? []).some((name) => groups.has(name)))
			.map((thing) => thing.thingName);
	}

	/**
	 * Consumes one injected failure for a device, returning its error type, or undefined when the
	 * device has no fault left.
	 */
	takeThingFault(thingName: string): string | undefined {
		return takeFault(this.things.get(thingName));
	}

	takeManagedThingFault(id: string): string | undefined {
		return takeFault(this.managedThings.get(id));
	}

	/**
	 * Patches (or creates) a thing. When `connected` changes and the patch gives no time, the change
	 * is stamped with `nowMs`; becoming connected clears the old disconnect reason unless one is given.
	 * A key present with value undefined removes that field.
	 */
	setThing(thingName: string, patch: Partial<FleetThing>, nowMs: number): void {
		const previous = this.things.get(thingName)?.device;
		const next = mergeDevice<FleetThing>(previous ?? { thingName, connected: false }, patch, nowMs);
		next.thingName = thingName;
		validateFleet({ things: [next] }, `setThing(${thingName})`);
		this.putThing(next, previous !== undefined && !('fault' in patch) ? this.things.get(thingName)?.faultsLeft : undefined);
	}

	setManagedThing(id: string, patch: Partial<FleetManagedThing>, nowMs: number): void {
		const previous = this.managedThings.get(id)?.device;
		const next = mergeDevice<FleetManagedThing>(previous ?? { managedThingId: id, connected: false }, patch, nowMs);
		next.managedThingId = id;
		validateFleet({ things: [], managedThings: [next] }, `setManagedThing(${id})`);
		this.putManagedThing(next, previous !== undefined && !('fault' in patch) ? this.managedThings.get(id)?.faultsLeft : undefined);
	}

	private putThing(thing: FleetThing, faultsLeft?: number): void {
		for (const group of thing.thingGroupNames ?? []) this.addGroup(group, undefined);
		this.things.set(thing.thingName, { device: thing, faultsLeft: faultsLeft ?? thing.fault?.times });
	}

	private putManagedThing(managed: FleetManagedThing, faultsLeft?: number): void {
		this.managedThings.set(managed.managedThingId, { device: managed, faultsLeft: faultsLeft ?? managed.fault?.times });
	}

	private addGroup(name: string, parent: string | undefined): void {
		if (parent !== undefined && !this.groupParents.has(parent)) this.groupParents.set(parent, undefined);
		if (!this.groupParents.has(name) || parent !== undefined) this.groupParents.set(name, parent);
	}
}

interface PatchableDevice {
	connected: boolean;
	timestamp?: number;
	secondsAgo?: number;
	disconnectReason?: string;
}

function absolute<T extends PatchableDevice>(device: T, nowMs: number): T {
	const timestamp = resolveTimestamp(device, nowMs);
	delete device.secondsAgo;
	if (timestamp === undefined) delete device.timestamp;
	else device.timestamp = timestamp;
	return device;
}

function mergeDevice<T extends PatchableDevice>(previous: T, patch: Partial<T>, nowMs: number): T {
	const next = structuredClone(previous);
	const target = next as Record<string, unknown>;
	for (const [key, value] of Object.entries(patch)) {
		if (value === undefined) delete target[key];
		else target[key] = structuredClone(value);
	}
	const connectedChanged = patch.connected !== undefined && patch.connected !== previous.connected;
	const timeGiven = patch.timestamp !== undefined || patch.secondsAgo !== undefined;
	if (patch.secondsAgo !== undefined) delete next.timestamp;
	if (patch.timestamp !== undefined) delete next.secondsAgo;
	if (connectedChanged && !timeGiven) next.timestamp = Math.floor(nowMs / 1000);
	if (connectedChanged && next.connected && !('disconnectReason' in patch)) delete next.disconnectReason;
	return absolute(next, nowMs);
}

function takeFault<T extends { fault?: { errorType: string } }>(record: DeviceRecord<T> | undefined): string | undefined {
	const fault = record?.device.fault;
	if (record === undefined || fault === undefined) return undefined;
	if (record.faultsLeft === undefined) return fault.errorType;
	if (record.faultsLeft <= 0) return undefined;
	record.faultsLeft -= 1;
	return fault.errorType;
}
