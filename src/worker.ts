/** Process entry (Procfile `worker:`): polls HCP Terraform for every subscription and posts the alerts. */
import { runProcess } from './runtime/process.js';
import { startWorkerRuntime } from './runtime/worker.js';

runProcess('worker', ({ config, logger, metrics }) => startWorkerRuntime(config, logger, { metrics }));
