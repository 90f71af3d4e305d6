/**
 * DynamoDB Local needs Java 17+. On a fresh Debian/Ubuntu machine where we are root, install a
 * headless JRE from the distribution; anywhere else, say exactly what is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';

function javaMajorVersion(): number | null {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return null;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${probe.stderr}${probe.stdout}`);
  if (!match) return null;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

export function ensureJava(): void {
  const version = javaMajorVersion();
  if (version !== null && version >= 17) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('apt-get', ['--version']).status === 0;
  if (isRoot && hasApt) {
    console.log('Java 17+ is needed by DynamoDB Local; installing openjdk-17-jre-headless with apt-get...');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'openjdk-17-jre-headless'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if ((javaMajorVersion() ?? 0) >= 17) return;
  }
  throw new Error(
    `DynamoDB Local needs Java 17 or newer (found: ${version ?? 'none'}). Install one, e.g. "sudo apt-get install openjdk-17-jre-headless" or "brew install openjdk@17".`,
  );
}
