// Debian's Chromium, headless, driven by playwright-core (which downloads no
// browser of its own).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './paths.mjs';

/** Launches a headless Chromium with a fresh profile; `close()` also deletes the profile. */
export async function launchChromium() {
  // Playwright's screenshots wait for document.fonts.ready in every frame; a
  // webview frame that is still loading can keep that pending until the
  // screenshot times out. The workbench uses no web fonts that matter here.
  process.env.PW_TEST_SCREENSHOT_NO_FONTS_READY = '1';
  const userDataDir = mkdtempSync(join(tmpdir(), 'pn-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
