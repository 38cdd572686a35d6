import { FleetQueryError, IndexedThing, matchesFleetQuery, parseFleetQuery } from '../../simulator/fleetQuery';

const things: IndexedThing[] = [
	{ thingName: 'a-1', thingTypeName: 'sensor', thingGroupNames: ['plant-7'], attributes: { line: '1' }, connectivity: { connected: true, timestamp: 1000 } },
	{ thingName: 'a-2', thingGroupNames: ['plant-7', 'vip'], attributes: {}, connectivity: { connected: false, timestamp: 2000, disconnectReason: 'AUTH_ERROR' } },
	{ thingName: 'b-1', thingGroupNames: ['plant-9'], attributes: { line: '2' }, connectivity: { connected: false } },
	{ thingName: 'b-2', thingGroupNames: [], attributes: {} },
];

const names = (query: string) => things.filter((thing) => matchesFleetQuery(parseFleetQuery(query), thing)).map((thing) => thing.thingName);

describe('fleet query subset', () => {
	it.each([
		['*', ['a-1', 'a-2', 'b-1', 'b-2']],
		['thingName:a-*', ['a-1', 'a-2']],
		['a-1', ['a-1']],
		['thingGroupNames:vip', ['a-2']],
		['connectivity.connected:false', ['a-2', 'b-1']],
		['NOT connectivity.connected:true', ['a-2', 'b-1', 'b-2']],
		['connectivity.disconnectReason:*', ['a-2']],
		['connectivity.timestamp>=1000 AND connectivity.timestamp<2000', ['a-1']],
		['connectivity.timestamp:{1000 TO *]', ['a-2']],
		['connectivity.timestamp:2000', ['a-2']],
		['thingName:b-1 OR thingName:a-1 AND attributes.line:2', ['b-1']],
		['(thingName:b-1 OR thingName:a-1) AND attributes.line:1', ['a-1']],
		['thingGroupNames:plant-7 connectivity.connected:true', ['a-1']],
		['thingTypeName:sensor OR attributes.line:"2"', ['a-1', 'b-1']],
	])('%s', (query, expected) => {
		expect(names(query)).toEqual(expected);
	});

	it.each([
		['', /empty/],
		['thingName:', /Missing value/],
		['thingName:a AND', /ends where a term was expected/],
		['(thingName:a', /closing parenthesis/],
		['shadow.reported.x:1', /Unsupported field/],
		['connectivity.connected:maybe', /true/],
		['thingName<5', /not supported/],
		['connectivity.timestamp<soon', /epoch milliseconds/],
		['thingName:"open', /Unterminated/],
		[Array.from({ length: 13 }, (_, index) => `thingName:x${index}`).join(' OR '), /at most 12/],
	])('rejects %p', (query, message) => {
		expect(() => parseFleetQuery(query)).toThrow(FleetQueryError);
		expect(() => parseFleetQuery(query)).toThrow(message);
	});

	it('accepts exactly 12 terms', () => {
		expect(() => parseFleetQuery(Array.from({ length: 12 }, (_, index) => `thingName:x${index}`).join(' OR '))).not.toThrow();
	});
});
