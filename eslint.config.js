// n8n's own lint rules for community packages, credentials and nodes (eslint-plugin-n8n-nodes-base).
const n8nNodesBase = require('eslint-plugin-n8n-nodes-base');
const typescriptParser = require('@typescript-eslint/parser');

const plugins = { 'n8n-nodes-base': n8nNodesBase };

module.exports = [
	{ ignores: ['dist/**', 'node_modules/**', 'e2e/**', 'coverage/**', '.demo/**', '**/*.js'] },
	{
		files: ['package.json'],
		languageOptions: { parser: typescriptParser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins,
		rules: n8nNodesBase.configs.community.rules,
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: typescriptParser },
		plugins,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Camel-cased doc slugs are for nodes inside n8n's own repository; ours is a URL.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: { parser: typescriptParser },
		plugins,
		rules: n8nNodesBase.configs.nodes.rules,
	},
];
