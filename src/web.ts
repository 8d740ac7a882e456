/** Process entry (Procfile `web:`): the Bolt app on PORT, /healthz and /metrics. */
import { runProcess } from './runtime/process.js';
import { startWebRuntime } from './runtime/web.js';

runProcess('web', ({ config, logger, metrics }) => startWebRuntime(config, logger, { metrics }));
