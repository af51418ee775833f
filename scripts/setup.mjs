// Installs what the tests, `npm start` and `npm run bench` need, only when it is missing, and
// says what it does. Quick when everything is present (a few file checks and
// one dpkg query).
//
// - Debian packages: chromium (the browser the tests drive), ripgrep (the
//   workbench's search, and the rg binary VS Code's install needs), and
//   libkrb5-dev (a native module of the VS Code server is built against it).
// - The VS Code server: the `code-server` npm package ships VS Code's server
//   and web workbench; it is installed into .cache/vscode-server/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { vscodeServer } from './vscode/paths.mjs';
import { root } from './lib.mjs';

// `--for-start` (npm start in a browser of the user's own) needs no Chromium;
// `--for-bench` (npm run bench: the chart benchmark drives Chromium) needs
// nothing but Chromium, and no VS Code server.
const forStart = process.argv.includes('--for-start');
const forBench = process.argv.includes('--for-bench');
const debianPackages = forBench ? ['chromium'] : ['chromium', 'libkrb5-dev', 'ripgrep'].filter((name) => !(forStart && name === 'chromium'));
// Tools node-gyp needs to build the server's native modules: on most images
// already; installed with the rest when absent.
const buildTools = [
  { command: 'make', pkg: 'make' },
  { command: 'g++', pkg: 'g++' },
  { command: 'python3', pkg: 'python3' },
];

const started = Date.now();
const missing = missingDebianPackages();
const serverMissing = !forBench && !existsSync(vscodeServer.stamp);
if (serverMissing) missing.push(...buildTools.filter((t) => !onPath(t.command)).map((t) => t.pkg));
if (missing.length > 0) installDebianPackages(missing);
if (serverMissing) installVscodeServer();
console.log(`setup: ready (${missing.length || serverMissing ? 'installed what was missing' : 'everything present'}, ${Date.now() - started} ms)`);

/** Debian packages from the list that dpkg does not report installed. */
function missingDebianPackages() {
  const query = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Status}\n', ...debianPackages], { encoding: 'utf8' });
  if (query.error) {
    console.log('setup: dpkg-query not found; assuming the Debian packages are present');
    return [];
  }
  const installed = new Set(
    query.stdout.split('\n').filter((line) => line.endsWith(' installed')).map((line) => line.split(' ')[0]),
  );
  return debianPackages.filter((name) => !installed.has(name));
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function installDebianPackages(names) {
  if (process.getuid?.() !== 0) {
    console.error(`setup: missing Debian packages: ${names.join(' ')}`);
    console.error(`setup: run as root, or install them first: sudo apt-get install -y ${names.join(' ')}`);
    process.exit(1);
  }
  console.log(`setup: installing Debian packages: ${names.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lockWait = ['-o', 'DPkg::Lock::Timeout=300'];
  mustRun('apt-get', ['update', '-q', ...lockWait], { env });
  mustRun('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...lockWait, ...names], { env });
}

/**
 * Installs code-server into a private folder, then renames it into place, so
 * that two setups running at once cannot leave a half-installed server behind.
 */
function installVscodeServer() {
  console.log(`setup: installing the VS Code server (code-server@${vscodeServer.version}) into ${vscodeServer.dir}; about a minute`);
  placeRipgrepForDownloader();
  const staging = `${vscodeServer.dir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(join(staging, 'package.json'), JSON.stringify({ private: true, description: 'VS Code server for the tests' }));
  const env = {
    ...process.env,
    // The install script refuses to run as root without this...
    npm_config_unsafe_perm: 'true',
    // ...and it runs `npx node-gyp`, which would wait for a yes.
    npm_config_yes: 'true',
  };
  mustRun('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', `code-server@${vscodeServer.version}`], { cwd: staging, env });
  if (!existsSync(join(staging, vscodeServer.serverMainRelative))) {
    console.error(`setup: code-server installed, but ${vscodeServer.serverMainRelative} is missing`);
    process.exit(1);
  }
  writeFileSync(join(staging, 'installed'), `code-server@${vscodeServer.version}\n`);
  if (existsSync(vscodeServer.stamp)) {
    // Another setup finished first; its copy (perhaps in use) is as good as ours.
    rmSync(staging, { recursive: true, force: true });
  } else {
    rmSync(vscodeServer.dir, { recursive: true, force: true }); // an interrupted install
    renameSync(staging, vscodeServer.dir);
  }
  console.log('setup: VS Code server installed');
}

/**
 * @vscode/ripgrep downloads rg from the internet at install time, unless its
 * cache already holds the release tarball. A tarball of Debian's rg stands in.
 */
function placeRipgrepForDownloader() {
  const cacheDir = vscodeServer.ripgrepCacheDir;
  const tarball = join(cacheDir, vscodeServer.ripgrepTarball);
  if (existsSync(tarball)) return;
  if (!existsSync('/usr/bin/rg')) {
    console.error('setup: /usr/bin/rg is missing (Debian package ripgrep)');
    process.exit(1);
  }
  mkdirSync(cacheDir, { recursive: true });
  mustRun('tar', ['-czf', tarball, '-C', '/usr/bin', 'rg']);
}

function mustRun(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    console.error(`setup: ${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})`);
    process.exit(1);
  }
}
