import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// `node tools/dist/profile-summary.js <dir> [top]`: the V8 CPU profiles a benchmark wrote
// (BENCH_CPU_PROF=<dir>), one block per process: where its samples fell, by package (or the
// project's own files, or V8's "(garbage collector)" and "(program)"), then by function (self time).
interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** "graphql", "@apollo/server", "ecg:contact", "node:internal", or V8's own "(garbage collector)". */
function owner(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 14).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const own = /\/((?:subgraphs|packages)\/[\w-]+|gateway|tools)\/dist\//.exec(url);
  if (own) return `ecg:${own[1].replace(/^(subgraphs|packages)\//, '')}`;
  return url.startsWith('node:') ? 'node:internal' : url;
}

function main() {
  const dir = process.argv[2];
  const top = Number(process.argv[3] ?? 25);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<number, number>();
    profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    const byOwner = new Map<string, number>();
    const byFunction = new Map<string, number>();
    let service = '?';
    for (const [id, micros] of self) {
      const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
      const who = owner(url, functionName);
      byOwner.set(who, (byOwner.get(who) ?? 0) + micros);
      const key = `${functionName || '(anonymous)'} ${who}:${lineNumber + 1}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    }
    for (const n of profile.nodes) {
      const own = /\/(subgraphs\/([\w-]+)|gateway)\/dist\/index\.js/.exec(n.callFrame.url);
      if (own && own[2] !== 'shared') service = own[2] ?? 'gateway';
    }
    // Inclusive time: each sample counts once for every distinct function on its stack.
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
    const inclusive = new Map<string, number>();
    for (const [id, micros] of self) {
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const { functionName, url, lineNumber } = byId.get(at)!.callFrame;
        const key = `${functionName || '(anonymous)'} ${owner(url, functionName)}:${lineNumber + 1}`;
        if (seen.has(key)) continue;
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + micros);
      }
    }
    const idle = byOwner.get('(idle)') ?? 0;
    const busy = total - idle;
    const percent = (micros: number) => `${((100 * micros) / busy).toFixed(1).padStart(5)}%`;
    console.log(
      `\n== ${service} (${file}): ${(busy / 1e6).toFixed(1)} s busy of ${(total / 1e6).toFixed(1)} s sampled; shares of busy time`,
    );
    byOwner.delete('(idle)');
    byFunction.delete('(idle) (idle):1');
    for (const [who, micros] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, 15))
      console.log(`  ${percent(micros)}  ${who}`);
    console.log('  -- functions (self time)');
    for (const [key, micros] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`  ${percent(micros)}  ${key}`);
    console.log('  -- functions (inclusive time)');
    for (const [key, micros] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top * 2))
      console.log(`  ${percent(micros)}  ${key}`);
  }
}

main();
