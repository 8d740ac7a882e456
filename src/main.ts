/** Process entry (`npm start`): the web process and the worker in one process, for a single machine. */
import { runProcess } from './runtime/process.js';
import { startWebRuntime } from './runtime/web.js';
import { startWorkerRuntime } from './runtime/worker.js';

runProcess('main', async ({ config, logger, metrics }) => {
  const worker = await startWorkerRuntime(config, logger, { metrics, serveHttp: false });
  const web = await startWebRuntime(config, logger, { metrics }).catch(async (error: unknown) => {
    await worker.close();
    throw error;
  });
  return {
    async close() {
      await web.close();
      await worker.close();
    },
  };
});
