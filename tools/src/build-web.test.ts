import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIsCurrent } from './build-web';

describe('buildIsCurrent (npm start skips the web build when nothing changed)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecg-build-web-'));
  const src = join(dir, 'src');
  const page = join(src, 'page.tsx');
  const output = join(dir, 'dist', 'index.html');
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

  beforeEach(() => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(src, 'pages'), { recursive: true });
    mkdirSync(join(dir, 'dist'));
    writeFileSync(page, 'page');
    writeFileSync(output, 'built');
    for (const path of [page, join(src, 'pages'), src]) at(path, 1_000);
    at(output, 2_000);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is current when every input is older than the output', () => {
    expect(buildIsCurrent(output, [src])).toBe(true);
  });

  it('is stale when a file deep in the sources changed after the build', () => {
    at(page, 3_000);
    expect(buildIsCurrent(output, [src])).toBe(false);
  });

  it('is stale when a source file was deleted after the build', () => {
    rmSync(page);
    expect(buildIsCurrent(output, [src])).toBe(false);
  });

  it('is stale when there is no output yet, and ignores inputs that do not exist', () => {
    expect(buildIsCurrent(join(dir, 'dist', 'missing.html'), [src])).toBe(false);
    expect(buildIsCurrent(output, [src, join(dir, 'no-such-input')])).toBe(true);
  });
});
