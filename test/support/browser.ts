import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const BROWSER_HINT =
  'The browser tests need Chromium: install it (Debian/Ubuntu: `apt-get install chromium`) or set ' +
  'CHROMIUM_PATH to a Chromium or Chrome executable.';

/** The Chromium to test with: CHROMIUM_PATH, or one installed in the usual places. */
export function findChromium(): string | undefined {
  const configured = process.env.CHROMIUM_PATH?.trim();
  if (configured) return configured;
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/** A headless Chromium with a profile of its own, that calls home to no one. */
export async function launchChromium(executablePath: string): Promise<TestBrowser> {
  const profile = await mkdtemp(path.join(tmpdir(), 'folio-chromium-'));
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    // Chromium's first start on a busy 2-core machine can take longer than puppeteer's 30 s.
    timeout: 120_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
