/**
 * A subset of the AWS IoT fleet indexing query language, enough for connectivity queries:
 * `field:value` (with `*` wildcards), `connectivity.timestamp` comparisons and ranges, AND / OR /
 * NOT (AND binds tighter; adjacent terms are ANDed), parentheses, and a bare `*` for everything.
 */

/** The fields a thing document exposes to queries; timestamp in epoch milliseconds. */
export interface IndexedThing {
	thingName: string;
	thingTypeName?: string;
	thingGroupNames: string[];
	attributes: Record<string, string>;
	connectivity?: { connected: boolean; timestamp?: number; disconnectReason?: string };
}

export type FleetQuery =
	| { kind: 'all' }
	| { kind: 'and' | 'or'; left: FleetQuery; right: FleetQuery }
	| { kind: 'not'; operand: FleetQuery }
	| { kind: 'term'; field: string; test: (thing: IndexedThing) => boolean };

export class FleetQueryError extends Error {}

export const MAX_QUERY_TERMS = 12;

export function parseFleetQuery(text: string): FleetQuery {
	const tokens = tokenize(text);
	if (tokens.length === 0) throw new FleetQueryError('Query string is empty.');
	const parser = new Parser(tokens);
	const query = parser.parseOr();
	if (!parser.atEnd()) throw new FleetQueryError(`Syntax error in query near '${parser.peekText()}'.`);
	if (parser.termCount > MAX_QUERY_TERMS) {
		throw new FleetQueryError(`Query has ${parser.termCount} terms; at most ${MAX_QUERY_TERMS} are allowed.`);
	}
	return query;
}

export function matchesFleetQuery(query: FleetQuery, thing: IndexedThing): boolean {
	switch (query.kind) {
		case 'all':
			return true;
		case 'and':
			return matchesFleetQuery(query.left, thing) && matchesFleetQuery(query.right, thing);
		case 'or':
			return matchesFleetQuery(query.left, thing) || matchesFleetQuery(query.right, thing);
		case 'not':
			return !matchesFleetQuery(query.operand, thing);
		case 'term':
			return query.test(thing);
	}
}

/** True if any term reads a connectivity.* field (refused while connectivity indexing is off). */
export function queryUsesConnectivity(query: FleetQuery): boolean {
	switch (query.kind) {
		case 'all':
			return false;
		case 'and':
		case 'or':
			return queryUsesConnectivity(query.left) || queryUsesConnectivity(query.right);
		case 'not':
			return queryUsesConnectivity(query.operand);
		case 'term':
			return query.field.startsWith('connectivity.');
	}
}

type Token = { kind: '(' | ')' | 'AND' | 'OR' | 'NOT' } | { kind: 'term'; text: string };

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let index = 0;
	while (index < text.length) {
		const char = text[index];
		if (/\s/.test(char)) {
			index += 1;
		} else if (char === '(' || char === ')') {
			tokens.push({ kind: char });
			index += 1;
		} else {
			// A term runs to whitespace or a parenthesis, except inside quotes or a [a TO b] range.
			let end = index;
			let closer: string | undefined;
			while (end < text.length) {
				const current = text[end];
				if (closer !== undefined) {
					// Ranges may mix brackets: [a TO b} is inclusive-exclusive.
					if (current === closer || (closer === ']' && current === '}')) closer = undefined;
				} else if (current === '"') closer = '"';
				else if (current === '[' || current === '{') closer = ']';
				else if (/\s/.test(current) || current === '(' || current === ')') break;
				end += 1;
			}
			if (closer !== undefined) throw new FleetQueryError(`Unterminated ${closer === '"' ? 'quote' : 'range'} in query.`);
			const word = text.slice(index, end);
			tokens.push(word === 'AND' || word === 'OR' || word === 'NOT' ? { kind: word } : { kind: 'term', text: word });
			index = end;
		}
	}
	return tokens;
}

class Parser {
	termCount = 0;
	private position = 0;

	constructor(private readonly tokens: Token[]) {}

	atEnd(): boolean {
		return this.position >= this.tokens.length;
	}

	peekText(): string {
		const token = this.tokens[this.position];
		return token === undefined ? 'end of query' : token.kind === 'term' ? token.text : token.kind;
	}

	parseOr(): FleetQuery {
		let left = this.parseAnd();
		while (this.peekKind() === 'OR') {
			this.position += 1;
			left = { kind: 'or', left, right: this.parseAnd() };
		}
		return left;
	}

	private parseAnd(): FleetQuery {
		let left = this.parseUnary();
		for (;;) {
			const next = this.peekKind();
			if (next === 'AND') {
				this.position += 1;
			} else if (next !== 'term' && next !== 'NOT' && next !== '(') {
				return left;
			}
			left = { kind: 'and', left, right: this.parseUnary() };
		}
	}

	private parseUnary(): FleetQuery {
		const token = this.tokens[this.position];
		if (token === undefined) throw new FleetQueryError('Query ends where a term was expected.');
		this.position += 1;
		if (token.kind === 'NOT') return { kind: 'not', operand: this.parseUnary() };
		if (token.kind === '(') {
			const inner = this.parseOr();
			if (this.peekKind() !== ')') throw new FleetQueryError('Missing closing parenthesis in query.');
			this.position += 1;
			return inner;
		}
		if (token.kind !== 'term') throw new FleetQueryError(`Syntax error in query: unexpected '${token.kind}'.`);
		this.termCount += 1;
		return parseTerm(token.text);
	}

	private peekKind(): Token['kind'] | undefined {
		return this.tokens[this.position]?.kind;
	}
}

type Comparator = ':' | '<' | '<=' | '>' | '>=';

function parseTerm(text: string): FleetQuery {
	if (text === '*') return { kind: 'all' };
	const operator = /^([A-Za-z0-9_.\-]+)(<=|>=|<|>|:)(.*)$/s.exec(text);
	if (!operator) {
		// A bare word searches thing names, as the console's search box does.
		return stringTerm('thingName', ':', text, (thing) => [thing.thingName]);
	}
	const [, field, comparator, rawValue] = operator as unknown as [string, string, Comparator, string];
	if (rawValue === '') throw new FleetQueryError(`Missing value for field '${field}'.`);
	switch (field) {
		case 'thingName':
			return stringTerm(field, comparator, rawValue, (thing) => [thing.thingName]);
		case 'thingTypeName':
			return stringTerm(field, comparator, rawValue, (thing) => optional(thing.thingTypeName));
		case 'thingGroupNames':
			return stringTerm(field, comparator, rawValue, (thing) => thing.thingGroupNames);
		case 'connectivity.disconnectReason':
			return stringTerm(field, comparator, rawValue, (thing) => optional(thing.connectivity?.disconnectReason));
		case 'connectivity.connected':
			return connectedTerm(comparator, rawValue);
		case 'connectivity.timestamp':
			return timestampTerm(comparator, rawValue);
	}
	if (field.startsWith('attributes.') && field.length > 'attributes.'.length) {
		const key = field.slice('attributes.'.length);
		return stringTerm(field, comparator, rawValue, (thing) => optional(thing.attributes[key]));
	}
	throw new FleetQueryError(`Unsupported field '${field}' in query.`);
}

function stringTerm(field: string, comparator: Comparator, rawValue: string, values: (thing: IndexedThing) => string[]): FleetQuery {
	if (comparator !== ':') throw new FleetQueryError(`Operator '${comparator}' is not supported on field '${field}'.`);
	const pattern = wildcardPattern(unquote(rawValue));
	return { kind: 'term', field, test: (thing) => values(thing).some((value) => pattern.test(value)) };
}

function connectedTerm(comparator: Comparator, rawValue: string): FleetQuery {
	const value = unquote(rawValue);
	if (comparator !== ':' || (value !== 'true' && value !== 'false')) {
		throw new FleetQueryError("connectivity.connected takes ':true' or ':false'.");
	}
	const wanted = value === 'true';
	return { kind: 'term', field: 'connectivity.connected', test: (thing) => thing.connectivity !== undefined && thing.connectivity.connected === wanted };
}

function timestampTerm(comparator: Comparator, rawValue: string): FleetQuery {
	const field = 'connectivity.timestamp';
	const build = (test: (timestamp: number) => boolean): FleetQuery => ({
		kind: 'term',
		field,
		test: (thing) => thing.connectivity?.timestamp !== undefined && test(thing.connectivity.timestamp),
	});
	if (comparator !== ':') {
		const bound = parseMillis(rawValue);
		const compare: Record<Exclude<Comparator, ':'>, (timestamp: number) => boolean> = {
			'<': (timestamp) => timestamp < bound,
			'<=': (timestamp) => timestamp <= bound,
			'>': (timestamp) => timestamp > bound,
			'>=': (timestamp) => timestamp >= bound,
		};
		return build(compare[comparator]);
	}
	if (rawValue === '*') return build(() => true);
	const range = /^([[{])\s*(\S+)\s+TO\s+(\S+)\s*([\]}])$/.exec(rawValue);
	if (range) {
		const [, open, from, to, close] = range;
		const low = from === '*' ? -Infinity : parseMillis(from);
		const high = to === '*' ? Infinity : parseMillis(to);
		return build((timestamp) => (open === '[' ? timestamp >= low : timestamp > low) && (close === ']' ? timestamp <= high : timestamp < high));
	}
	const exact = parseMillis(rawValue);
	return build((timestamp) => timestamp === exact);
}

function parseMillis(text: string): number {
	const value = Number(unquote(text));
	if (!/^-?\d+$/.test(unquote(text)) || !Number.isSafeInteger(value)) {
		throw new FleetQueryError(`connectivity.timestamp needs an integer of epoch milliseconds, got '${text}'.`);
	}
	return value;
}

function wildcardPattern(value: string): RegExp {
	const escaped = value.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
	return new RegExp(`^${escaped}$`, 's');
}

function unquote(value: string): string {
	return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

function optional(value: string | undefined): string[] {
	return value === undefined ? [] : [value];
}
