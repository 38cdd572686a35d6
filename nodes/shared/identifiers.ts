/**
 * Input rules AWS enforces, checked before any request so a bad batch fails fast and the message
 * says which item, which value and which rule — instead of a 400 halfway through a fleet.
 */

export interface IdentifierRule {
	/** The parameter's display name, as the user sees it in the node. */
	field: string;
	minLength: number;
	maxLength: number;
	pattern: RegExp;
	/** The rule in words, for the error message. */
	description: string;
}

export const THING_NAME_RULE: IdentifierRule = {
	field: 'Thing Name',
	minLength: 1,
	maxLength: 128,
	pattern: /^[a-zA-Z0-9:_-]+$/,
	description: '1–128 characters, only letters, digits, colon (:), underscore (_) and hyphen (-)',
};

export const MANAGED_THING_IDENTIFIER_RULE: IdentifierRule = {
	field: 'Identifier',
	minLength: 1,
	maxLength: 64,
	pattern: /^[a-zA-Z0-9:_-]+$/,
	description: '1–64 characters, only letters, digits, colon (:), underscore (_) and hyphen (-)',
};

/** A broken rule, in the words the error message uses. */
export interface RuleViolation {
	field: string;
	/** The offending value and what is wrong with it. */
	problem: string;
	/** The rule, e.g. "1–128 characters, only …". */
	rule: string;
}

/** Expressions often yield numbers for numeric names ("12345"): those are names too. */
export function identifierText(value: unknown): unknown {
	return typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
}

export function identifierViolation(value: unknown, rule: IdentifierRule): RuleViolation | null {
	const problem = identifierProblem(identifierText(value), rule);
	return problem ? { field: rule.field, problem: `${JSON.stringify(value)} — ${problem}`, rule: rule.description } : null;
}

/** Returns the reason a value breaks the rule, or null when it is valid. */
export function identifierProblem(value: unknown, rule: IdentifierRule): string | null {
	if (typeof value !== 'string') {
		return `${rule.field} must be text, got ${value === null ? 'null' : typeof value}`;
	}
	if (value.length < rule.minLength) return `${rule.field} is empty`;
	if (value.length > rule.maxLength) {
		return `${rule.field} is ${value.length} characters long`;
	}
	if (!rule.pattern.test(value)) {
		const offending = [...value].find((character) => !rule.pattern.test(character));
		return `${rule.field} contains ${offending === ' ' ? 'a space' : `"${offending}"`}`;
	}
	return null;
}
