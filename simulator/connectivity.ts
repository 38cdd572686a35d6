/** What a device's connectivity looks like at one instant (timestamp in epoch seconds). */
export interface ConnectivitySnapshot {
	connected: boolean;
	timestampSeconds?: number;
	disconnectReason?: string;
}

interface ConnectivitySource {
	connected: boolean;
	/** Already resolved to absolute epoch seconds. */
	timestamp?: number;
	disconnectReason?: string;
	flapPeriodSeconds?: number;
}

/**
 * Current connectivity of a device. A flapping device toggles on period boundaries of the
 * simulator clock, so every caller (and every test with a frozen clock) sees the same phase.
 */
export function connectivityAt(device: ConnectivitySource, nowMs: number): ConnectivitySnapshot {
	const period = device.flapPeriodSeconds;
	if (period !== undefined && period > 0) {
		const periodIndex = Math.floor(nowMs / 1000 / period);
		const connected = (periodIndex % 2 === 0) === device.connected;
		return {
			connected,
			timestampSeconds: periodIndex * period,
			disconnectReason: connected ? undefined : 'CONNECTION_LOST',
		};
	}
	return {
		connected: device.connected,
		timestampSeconds: device.timestamp,
		disconnectReason: device.disconnectReason,
	};
}
