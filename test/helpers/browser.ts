import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Chromium from CHROMIUM_PATH or Debian's /usr/bin/chromium; null when neither exists. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  return candidates.find((path) => existsSync(path)) ?? null;
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium()!, args: CHROMIUM_ARGS });
}

let skipAnnounced = false;

/**
 * A describe block for real-browser tests. Without Chromium, the first one registers a pending
 * test whose title says why, so the skip is one visible line in the run.
 */
export function describeBrowser(title: string, suite: () => void): void {
  if (findChromium()) {
    describe(title, suite);
  } else if (!skipAnnounced) {
    skipAnnounced = true;
    describe('browser tests', () => it('SKIPPED: no Chromium at CHROMIUM_PATH or /usr/bin/chromium (apt-get install -y chromium)'));
  }
}
