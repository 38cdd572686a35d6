import { MANAGED_THING_IDENTIFIER_RULE, THING_NAME_RULE, identifierViolation } from '../../nodes/shared/identifiers';

describe('thing name rule', () => {
	it.each(['a', 'pump-17', 'plant:7_line-2', 'x'.repeat(128)])('accepts %s', (name) => {
		expect(identifierViolation(name, THING_NAME_RULE)).toBeNull();
	});

	it.each([
		['', 'is empty'],
		['x'.repeat(129), '129 characters long'],
		['pump 17', 'contains a space'],
		['pump/17', 'contains "/"'],
		['pümp', 'contains "ü"'],
	])('rejects %j (%s) and names the rule', (name, problem) => {
		const violation = identifierViolation(name, THING_NAME_RULE);
		expect(violation?.field).toBe('Thing Name');
		expect(violation?.problem).toContain(problem);
		expect(violation?.rule).toContain('1–128');
	});

	it('takes a number from an expression as the name it spells, and rejects other non-text values', () => {
		expect(identifierViolation(12345, THING_NAME_RULE)).toBeNull();
		expect(identifierViolation(undefined, THING_NAME_RULE)?.problem).toContain('must be text');
		expect(identifierViolation({ name: 'pump' }, THING_NAME_RULE)?.problem).toContain('must be text');
	});
});

describe('managed thing identifier rule', () => {
	it('allows 64 and refuses 65 characters', () => {
		expect(identifierViolation('a'.repeat(64), MANAGED_THING_IDENTIFIER_RULE)).toBeNull();
		expect(identifierViolation('a'.repeat(65), MANAGED_THING_IDENTIFIER_RULE)?.rule).toContain('1–64');
	});
});
