/**
 * The browser of the browser tests: Chromium from the distribution (Debian's `chromium`), driven
 * by puppeteer-core through its executablePath (no browser download). Like Java for DynamoDB
 * Local (local/ensure-java.ts): installed with apt-get when missing and we are root; otherwise
 * the tests fail saying what to install. Never skipped. CHROMIUM_PATH names another binary.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

const found = () => [process.env.CHROMIUM_PATH, ...CANDIDATES].find((path): path is string => !!path && existsSync(path));

export function ensureChromium(): string {
  const present = found();
  if (present) return present;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('apt-get', ['--version']).status === 0;
  if (isRoot && hasApt) {
    console.log('The browser tests need Chromium; installing it with apt-get...');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const installed = found();
    if (installed) return installed;
  }
  throw new Error('The browser tests need Chromium: install it ("sudo apt-get install chromium") or set CHROMIUM_PATH.');
}
