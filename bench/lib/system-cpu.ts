import * as fs from 'node:fs';

/** Machine-wide CPU time from /proc/stat (Linux; null elsewhere), to tell how much other processes took meanwhile. */
export interface SystemCpu {
  busyMs: number;
  totalMs: number;
}

const USER_HZ = 100; // the kernel's fixed unit for /proc/stat on every mainstream Linux

export function systemCpu(): SystemCpu | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
    const [, ...fields] = line.trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number);
    const busy = user + nice + system + irq + softirq + steal;
    return { busyMs: (busy * 1000) / USER_HZ, totalMs: ((busy + idle + iowait) * 1000) / USER_HZ };
  } catch {
    return null;
  }
}
