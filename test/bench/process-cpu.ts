/**
 * CPU time of the PostgreSQL server processes on this machine (the benchmarks run it on
 * loopback), read from /proc. CPU per request is steadier than a rate on a shared VM, and it
 * shows which side of the connection a change made cheaper.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports utime/stime in clock ticks; USER_HZ is 100 on every Linux Node runs on. */
const MS_PER_TICK = 10;

export function postgresCpuMs(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // the process ended while we looked
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    if (!comm.startsWith('postgres')) continue;
    // Fields after "(comm) ": state is field 3, utime 14 and stime 15 (1-based, see proc(5)).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * MS_PER_TICK;
}
