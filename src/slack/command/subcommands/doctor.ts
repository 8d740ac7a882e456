import type { ManageModule } from '../module.js';
import { spec } from '../spec.js';

export type DoctorRequest = { command: 'doctor' };

export const doctorCommand: ManageModule<DoctorRequest> = {
  kind: 'manage',
  changesAlerts: false,
  spec: spec([]),
  usage: {
    syntax: 'doctor',
    summary:
      'Check configuration, Redis, the HCP Terraform token and this channel, each failure with its fix.',
    notes: [],
    example: 'doctor',
  },
  parse: () => ({ command: 'doctor' }),
  words: () => ['doctor'],
  execute: (_request, { deps, caller }) => deps.doctor(caller.channelId),
};
