/**
 * Checks the built package the way n8n will load it: every file the `n8n` section of
 * package.json names is in dist/ and in the tarball `npm pack` would publish, with its icon.
 *
 *   npm run build && node dist/scripts/checkPackage.js
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface PackageJson {
	n8n: { credentials: string[]; nodes: string[] };
}

const root = join(__dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' })) as Array<{
	files: Array<{ path: string }>;
}>;
const tarballFiles = new Set(packed[0].files.map((file) => file.path));

const problems: string[] = [];
const declared = [...packageJson.n8n.credentials, ...packageJson.n8n.nodes];
for (const file of declared) {
	if (!existsSync(join(root, file))) problems.push(`${file} is named in package.json "n8n" but missing from the build`);
	if (!tarballFiles.has(file)) problems.push(`${file} is named in package.json "n8n" but not in the npm tarball`);
	const icon = join(file, '..', 'awsIotConnectivity.svg');
	if (!tarballFiles.has(icon)) problems.push(`${icon} (the icon next to ${file}) is not in the npm tarball`);
}
const leaked = [...tarballFiles].filter((file) => /(^|\/)(test|simulator|bench|scripts)\//.test(file));
if (leaked.length > 0) problems.push(`the tarball carries development files: ${leaked.slice(0, 5).join(', ')}`);

if (problems.length > 0) {
	console.error(`Package check failed:\n- ${problems.join('\n- ')}`);
	process.exit(1);
}
console.log(`Package check: ${declared.length} n8n entry files present in dist/ and in the tarball (${tarballFiles.size} files).`);
