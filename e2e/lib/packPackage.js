'use strict';
/** `npm pack` of the built package: the tarball a user installs from the registry. */
const path = require('node:path');
const fs = require('node:fs');
const { runCommand } = require('./n8nRuntime');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * @param {string} destination folder for the .tgz
 * @returns {Promise<string>} the tarball's path
 */
async function packPackage(destination) {
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes'))) throw new Error('dist/ is missing: run `npm run build` first.');
	const result = await runCommand('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], { cwd: ROOT });
	if (result.code !== 0) throw new Error(`npm pack failed:\n${result.stderr}`);
	const [{ filename }] = JSON.parse(result.stdout);
	return path.join(destination, filename);
}

module.exports = { packPackage, ROOT };
