// Where the VS Code server used by the tests and `npm start` lives.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../lib.mjs';

const version = '4.100.3'; // VS Code 1.100.3; code-server 4.103+ needs Node 22
const dir = join(root, '.cache', 'vscode-server');
const serverMainRelative = 'node_modules/code-server/lib/vscode/out/server-main.js';

export const vscodeServer = {
  version,
  dir,
  serverMainRelative,
  serverMain: join(dir, serverMainRelative),
  /** Written last by setup: its presence means the install is complete. */
  stamp: join(dir, 'installed'),
  /** Where @vscode/ripgrep looks before downloading rg (its version 1.15.11). */
  ripgrepCacheDir: join(tmpdir(), 'vscode-ripgrep-cache-1.15.11'),
  ripgrepTarball: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz',
};

/** Debian's Chromium, driven by playwright-core (which downloads no browser). */
export const chromiumPath = '/usr/bin/chromium';
