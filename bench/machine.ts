import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  node: string;
  totalMemoryGb: number;
  platform: string;
}

export function describeMachine(): MachineInfo {
  const cores = cpus();
  return {
    cores: cores.length,
    cpuModel: cores[0]?.model?.trim() || cpuModelFromProc(),
    node: process.version,
    totalMemoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${process.platform} ${process.arch}`,
  };
}

export function machineLine(machine: MachineInfo): string {
  return `${machine.cores} cores, ${machine.cpuModel}, ${machine.totalMemoryGb} GB RAM, Node ${machine.node}, ${machine.platform}`;
}

function cpuModelFromProc(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((candidate) => candidate.startsWith('model name'));
    return line?.split(':')[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
