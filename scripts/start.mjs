// `npm start`: installs the npm dependencies when they are missing, builds,
// then opens the notebooks (notebooks/ and samples/, as the two folders of
// protocol-notebooks.code-workspace) in VS Code with the extension loaded from source.
// - With desktop VS Code (`code` on the PATH): opens a window on that workspace.
// - Without it (or with --web): installs what it needs (scripts/setup.mjs),
//   starts a local VS Code server on 127.0.0.1 and prints the address to open
//   in a browser; runs until Ctrl-C. Its state (settings, open editors) is
//   kept in .cache/start/ between starts.
//
// Usage: npm start [-- --web] [-- --port N]   (default port 8080, or a free one)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDependencies, root, run } from './lib.mjs';
import { startVscodeServer } from './vscode/server.mjs';

const { values: options } = parseArgs({
  options: { web: { type: 'boolean', default: false }, port: { type: 'string', default: '8080' } },
});
const workspaceFile = join(root, 'protocol-notebooks.code-workspace');
const notebooks = ['notebooks', 'samples'].flatMap((dir) => readdirSync(join(root, dir)).filter((name) => name.endsWith('.protocol.md')));

// A fresh clone has no node_modules yet, and the build needs esbuild.
const installed = await ensureDependencies();
if (installed !== 0) process.exit(installed);
if ((await run(process.execPath, ['esbuild.mjs'])) !== 0) process.exit(1);

if (!options.web && onPath('code')) {
  console.log(`start: opening ${notebooks.length} notebooks (notebooks/ and samples/) in VS Code with the extension loaded from source`);
  process.exit(await run('code', [`--extensionDevelopmentPath=${root}`, workspaceFile]));
}

console.log(options.web ? 'start: --web: using VS Code for the Web' : 'start: `code` is not on the PATH: using VS Code for the Web');
if ((await run(process.execPath, ['scripts/setup.mjs', '--for-start'])) !== 0) process.exit(1);

const stateDir = join(root, '.cache', 'start');
mkdirSync(stateDir, { recursive: true });
const wanted = Number(options.port);
const server = await startVscodeServer({
  dataDir: stateDir,
  trusted: true,
  port: (await portIsFree(wanted)) ? wanted : 0,
  logFile: join(stateDir, 'server.log'),
});
const url = server.workbenchUrl({ workspace: workspaceFile, extensionDevelopmentPath: root });

console.log(`
  Protocol Notebook is running in VS Code for the Web.

  Open this address in a browser on this machine (Chrome, Edge or Firefox):

    ${url}

  The Explorer shows notebooks/ and samples/: click a .protocol.md file to open it as a notebook.
  After changing the extension's source, run \`npm run build\` and reload the page.
  Server log: ${join(stateDir, 'server.log')}
  Press Ctrl-C to stop.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    stopping = true;
    console.log('\nstart: stopping the VS Code server');
    await server.stop();
    process.exit(0);
  });
}
const code = await server.exited; // on Ctrl-C, or if the server fails
if (!stopping) {
  console.error(`start: the VS Code server exited (${code}); see ${join(stateDir, 'server.log')}`);
  process.exit(1);
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
