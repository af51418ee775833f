// Starts VS Code's server (the web workbench and a Node extension host) on a
// free loopback port, with fresh data folders, and builds workbench URLs that
// load an extension under development.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { vscodeServer } from './paths.mjs';

const host = '127.0.0.1';

/**
 * @param {object} options
 * @param {string} options.dataDir  fresh folder for the server's state
 * @param {boolean} options.trusted  false leaves Workspace Trust on (Restricted Mode)
 * @param {string} options.logFile  where the server's output goes
 * @param {number} [options.port]  0 (default) picks a free port
 * @param {Record<string, string>} [options.env]  extra environment, inherited by the extension host
 * @param {Record<string, unknown>} [options.settings]  user settings
 * @returns {Promise<{ port: number, origin: string, exited: Promise<number | null>, workbenchUrl: (o: WorkbenchOptions) => string, stop: () => Promise<void> }>}
 */
export async function startVscodeServer({ dataDir, trusted, logFile, port = 0, env = {}, settings = {} }) {
  if (!existsSync(vscodeServer.serverMain)) {
    throw new Error(`the VS Code server is not installed (${vscodeServer.serverMain}); run: node scripts/setup.mjs`);
  }
  const dirs = serverDirs(dataDir);
  writeUserSettings(dirs, { ...quietSettings, ...settings });
  const args = [
    vscodeServer.serverMain,
    '--host', host, '--port', String(port),
    '--without-connection-token', '--accept-server-license-terms',
    '--server-data-dir', dirs.server, '--user-data-dir', dirs.user, '--extensions-dir', dirs.extensions,
    '--telemetry-level', 'off',
    ...(trusted ? ['--disable-workspace-trust'] : []),
  ];
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log, { end: false });
  const exited = new Promise((resolve) => child.on('exit', resolve));

  const actualPort = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`VS Code server did not start within 60 s; see ${logFile}`)), 60_000);
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = /Extension host agent listening on (\d+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`VS Code server exited (${code}) before listening; see ${logFile}`));
    });
  });
  const origin = `http://${host}:${actualPort}`;
  const remote = (path) => `vscode-remote://${host}:${actualPort}${path}`;

  return {
    port: actualPort,
    origin,
    /** Resolves with the exit code when the server stops. */
    exited,
    /**
     * @typedef {{ folder?: string, workspace?: string, extensionDevelopmentPath?: string, extensionTestsPath?: string }} WorkbenchOptions
     *   `folder` opens a folder, `workspace` a .code-workspace file (one of the two)
     * @param {WorkbenchOptions} options  absolute paths on this machine
     */
    workbenchUrl({ folder, workspace, extensionDevelopmentPath, extensionTestsPath }) {
      const payload = [['skipWelcome', 'true']];
      if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
      if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
      const opened = workspace ? `workspace=${encodeURIComponent(workspace)}` : `folder=${encodeURIComponent(folder)}`;
      return `${origin}/?${opened}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      log.end();
    },
  };
}

/** Installs a .vsix into an extensions folder with the server's own CLI; returns `--list-extensions --show-versions`. */
export function installExtension({ dataDir, vsix }) {
  const dirs = serverDirs(dataDir);
  const cli = (...extra) =>
    spawnSync(process.execPath, [vscodeServer.serverMain, '--accept-server-license-terms', '--server-data-dir', dirs.server, '--user-data-dir', dirs.user, '--extensions-dir', dirs.extensions, ...extra], { encoding: 'utf8', timeout: 120_000 });
  const install = cli('--install-extension', vsix, '--force');
  if (install.status !== 0) throw new Error(`--install-extension failed (${install.status}):\n${install.stdout}${install.stderr}`);
  const list = cli('--list-extensions', '--show-versions');
  if (list.status !== 0) throw new Error(`--list-extensions failed (${list.status}):\n${list.stdout}${list.stderr}`);
  return list.stdout.split('\n').map((line) => line.trim()).filter(Boolean);
}

function serverDirs(dataDir) {
  const dirs = { server: join(dataDir, 'server'), user: join(dataDir, 'user'), extensions: join(dataDir, 'extensions') };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  return dirs;
}

/** Settings that keep a fresh profile from prompting or fetching anything. */
const quietSettings = {
  // Restricted Mode must not wait on the "Do you trust the authors?" dialog.
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'chat.commandCenter.enabled': false,
  // The test workspace lives in a temporary folder, npm start's in the repository: no Git prompt either way.
  'git.openRepositoryInParentFolders': 'never',
};

/**
 * The web workbench reads user settings from the server's user data (and the
 * remote machine settings from the server data); both get the same file.
 * Settings already there (a kept `npm start` profile) are left as they are.
 */
function writeUserSettings(dirs, settings) {
  const text = JSON.stringify(settings, null, 2);
  for (const dir of [join(dirs.user, 'User'), join(dirs.server, 'data', 'Machine'), join(dirs.server, 'data', 'User')]) {
    mkdirSync(dir, { recursive: true });
    if (!existsSync(join(dir, 'settings.json'))) writeFileSync(join(dir, 'settings.json'), text);
  }
}
