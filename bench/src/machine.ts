import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, release, totalmem } from 'node:os';

export interface MachineInfo {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryMiB: number;
  readonly node: string;
  readonly os: string;
  /** `df -PT` of the directory the databases were written to. */
  readonly disk: { filesystem: string; type: string; mountedOn: string } | string;
}

function disk(dir: string): MachineInfo['disk'] {
  try {
    const lines = execFileSync('df', ['-PT', dir], { encoding: 'utf8' }).trim().split('\n');
    const [filesystem, type, , , , , mountedOn] = lines[lines.length - 1].split(/\s+/);
    return { filesystem, type, mountedOn };
  } catch (error) {
    return `unknown (${(error as Error).message})`;
  }
}

export function machineInfo(tempBase: string): MachineInfo {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryMiB: Math.round(totalmem() / 2 ** 20),
    node: process.version,
    os: `${process.platform} ${release()}`,
    disk: disk(tempBase),
  };
}
