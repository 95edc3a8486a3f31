/**
 * Where the time went in a V8 .cpuprofile (from `npm run bench -- --cpu-prof` or `node --cpu-prof`):
 * top functions by self time, by inclusive time, and self time grouped by package / source area.
 *
 *   npx ts-node --transpile-only bench/cpu-profile-top.ts <file.cpuprofile> [--top 25] [--focus src/]
 *   npx ts-node --transpile-only bench/cpu-profile-top.ts <file.cpuprofile> --callers writev
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  key: string;
  ms: number;
  pct: number;
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  busyMs: number;
  self: ProfileRow[];
  inclusive: ProfileRow[];
  byArea: ProfileRow[];
}

const repoRoot = path.resolve(__dirname, '..');

function shortUrl(url: string): string {
  if (!url) return '';
  let file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('node_modules/');
  if (nm >= 0) return file.slice(nm + 'node_modules/'.length);
  if (file.startsWith(repoRoot)) file = file.slice(repoRoot.length + 1);
  return file;
}

/** node_modules package, src/<module>, node: internals, or V8 pseudo-frames. */
function areaOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = file.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (file.startsWith('node:')) return 'node: internals';
  const rel = file.startsWith(repoRoot) ? file.slice(repoRoot.length + 1) : file;
  const parts = rel.split('/');
  return parts[0] === 'src' || parts[0] === 'bench' ? parts.slice(0, Math.min(2, parts.length - 1) || 1).join('/') : rel;
}

function keyOf(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  return url ? `${name} ${shortUrl(url)}:${lineNumber + 1}` : name;
}

export function summarizeProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const area = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    // timeDeltas[i] is the time before sample i; attribute the following delta to it.
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (dt <= 0) continue;
    const node = byId.get(profile.samples[i]);
    if (!node) continue;
    totalUs += dt;
    const name = node.callFrame.functionName;
    if (name === '(idle)') {
      idleUs += dt;
      continue;
    }
    const k = keyOf(node);
    self.set(k, (self.get(k) ?? 0) + dt);
    const a = areaOf(node);
    area.set(a, (area.get(a) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const n = byId.get(id) as ProfileNode;
      if (n.callFrame.functionName === '(root)') break;
      const key = keyOf(n);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
    }
  }
  const busyUs = totalUs - idleUs;
  const rows = (m: Map<string, number>, limit: number) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([key, us]) => ({ key, ms: us / 1000, pct: busyUs ? (100 * us) / busyUs : 0 }));
  return { totalMs: totalUs / 1000, idleMs: idleUs / 1000, busyMs: busyUs / 1000, self: rows(self, top), inclusive: rows(inclusive, top), byArea: rows(area, top) };
}

/**
 * Who is responsible for the self time of functions whose key contains `leaf`: each matching sample
 * goes to its nearest caller in src/, else it is shown with its direct caller.
 */
export function callersOf(profile: CpuProfile, leaf: string, top = 15): ProfileRow[] {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const owners = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(profile.samples[i]);
    if (!node || dt <= 0 || !keyOf(node).includes(leaf)) continue;
    total += dt;
    let owner = '(no caller in src/)';
    const direct = byId.get(parent.get(node.id) ?? -1);
    for (let id = parent.get(node.id); id !== undefined; id = parent.get(id)) {
      const n = byId.get(id) as ProfileNode;
      const url = n.callFrame.url.replace(/^file:\/\//, '');
      if (url.startsWith(path.join(repoRoot, 'src') + path.sep)) {
        owner = keyOf(n);
        break;
      }
    }
    if (owner.startsWith('(') && direct) owner = `(no caller in src/; direct caller ${keyOf(direct)})`;
    owners.set(owner, (owners.get(owner) ?? 0) + dt);
  }
  return [...owners.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([key, us]) => ({ key, ms: us / 1000, pct: total ? (100 * us) / total : 0 }));
}

export function formatProfile(summary: ProfileSummary, focus?: string): string {
  const fmt = (rows: ProfileRow[]) => rows.map((r) => `  ${r.ms.toFixed(0).padStart(7)} ms ${r.pct.toFixed(1).padStart(5)}%  ${r.key}`).join('\n');
  const inclusive = focus ? summary.inclusive.filter((r) => r.key.includes(focus)) : summary.inclusive;
  return [
    `profile: ${summary.totalMs.toFixed(0)} ms sampled, ${summary.busyMs.toFixed(0)} ms busy (${((100 * summary.busyMs) / (summary.totalMs || 1)).toFixed(0)}%), ${summary.idleMs.toFixed(0)} ms idle; % are of busy time`,
    'self time by area (package or src module):',
    fmt(summary.byArea),
    'top functions by self time:',
    fmt(summary.self),
    `top functions by inclusive time${focus ? ` (matching "${focus}")` : ''}:`,
    fmt(inclusive),
  ].join('\n');
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('usage: ts-node --transpile-only bench/cpu-profile-top.ts <file.cpuprofile> [--top 25] [--focus src/]');
    process.exit(2);
  }
  const opt = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const top = Number(opt('top') ?? 25);
  const callers = opt('callers');
  if (callers) {
    console.log(`self time of functions matching "${callers}", by nearest caller in repo code (% of matching time):`);
    for (const r of callersOf(profile, callers, top)) console.log(`  ${r.ms.toFixed(0).padStart(7)} ms ${r.pct.toFixed(1).padStart(5)}%  ${r.key}`);
    process.exit(0);
  }
  const focus = opt('focus');
  const summary = summarizeProfile(profile, focus ? 400 : top);
  if (focus) summary.inclusive = summary.inclusive.filter((r) => r.key.includes(focus)).slice(0, top);
  summary.self = summary.self.slice(0, top);
  summary.byArea = summary.byArea.slice(0, top);
  console.log(formatProfile(summary));
}
