import { DelayedError, type Job, Queue, type RedisOptions, UnrecoverableError, Worker } from 'bullmq';
import type { Logger } from '../logger.js';
import { redisOptions } from '../redis.js';
import { PermanentDeliveryError } from './delivery-failure.js';
import type { DeliveryDeps } from './delivery-types.js';
import type { PostJobData, PostJobSink, PostJobSpec } from './jobs.js';
import { type AlertKeys, jobIds, POLL_QUEUE, POST_QUEUE } from './keys.js';
import { throttledLog } from './log-throttle.js';
import { runPostJob } from './post-dispatch.js';

export interface PollJobData {
  subscriptionId: string;
  /** Set on an organization's job (org-poll.ts); subscriptionId is then organizationJobKey(organization). */
  organization?: string;
}

export const POST_JOB_ATTEMPTS = 8;
/** How often a post job may lose its worker (crash) before BullMQ gives up on it. */
const POST_MAX_STALLED_COUNT = 3;
const POST_BACKOFF_MS = 5000;
const KEEP_COMPLETED = { age: 24 * 3600, count: 1000 };
const KEEP_FAILED = { age: 7 * 24 * 3600, count: 1000 };

/**
 * Connection options for BullMQ. Workers (and everything inside the worker process) wait out a Redis outage
 * (`maxRetriesPerRequest: null`, BullMQ's requirement); producers in the web process fail fast so a Slack
 * command gets an answer instead of hanging.
 */
export function bullConnection(redisUrl: string, role: 'worker' | 'producer'): RedisOptions {
  return redisOptions({ redisUrl }, role === 'worker' ? 'blocking' : 'queue-producer');
}

export function createPollQueue(
  redisUrl: string,
  keys: AlertKeys,
  role: 'worker' | 'producer',
): Queue<PollJobData> {
  return new Queue<PollJobData>(POLL_QUEUE, {
    connection: bullConnection(redisUrl, role),
    prefix: keys.bullPrefix,
  });
}

export function createPostQueue(
  redisUrl: string,
  keys: AlertKeys,
  role: 'worker' | 'producer',
): Queue<PostJobData> {
  return new Queue<PostJobData>(POST_QUEUE, {
    connection: bullConnection(redisUrl, role),
    prefix: keys.bullPrefix,
  });
}

/** One scheduler per subscription; it lives in Redis, so it survives restarts of every process. */
export async function upsertPollScheduler(
  queue: Queue<PollJobData>,
  subscriptionId: string,
  pollIntervalSeconds: number,
  organization?: string,
): Promise<void> {
  await queue.upsertJobScheduler(
    jobIds.pollScheduler(subscriptionId),
    { every: pollIntervalSeconds * 1000 },
    {
      name: 'poll',
      data: organization === undefined ? { subscriptionId } : { subscriptionId, organization },
      // The next tick is the retry.
      opts: { attempts: 1, removeOnComplete: { count: 50 }, removeOnFail: { count: 200 } },
    },
  );
}

export async function removePollScheduler(
  queue: Queue<PollJobData>,
  subscriptionId: string,
): Promise<boolean> {
  return queue.removeJobScheduler(jobIds.pollScheduler(subscriptionId));
}

/** The poller's sink in production: post jobs whose IDs make a repeated enqueue a no-op. */
export class QueueSink implements PostJobSink {
  constructor(private readonly queue: Queue<PostJobData>) {}

  async enqueue(jobs: readonly PostJobSpec[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(
      jobs.map((job) => ({
        name: job.data.kind,
        data: job.data,
        opts: {
          jobId: job.jobId,
          attempts: POST_JOB_ATTEMPTS,
          backoff: { type: 'exponential', delay: POST_BACKOFF_MS },
          removeOnComplete: KEEP_COMPLETED,
          removeOnFail: KEEP_FAILED,
        },
      })),
    );
  }
}

/** Runs post jobs: delivery decides, this maps its answers onto BullMQ (delay, retry, give up). */
export function startPostWorker(options: {
  redisUrl: string;
  keys: AlertKeys;
  concurrency: number;
  delivery: DeliveryDeps;
  logger: Logger;
}): Worker<PostJobData> {
  const { logger } = options;
  const worker = new Worker<PostJobData>(
    POST_QUEUE,
    async (job: Job<PostJobData>, token?: string) => {
      const owner = job.id ?? job.name;
      try {
        const result = await runPostJob(job.data, owner, options.delivery);
        if (result.status === 'later') {
          await job.moveToDelayed(Date.now() + result.delayMs, token);
          throw new DelayedError(result.reason);
        }
        return result.posted;
      } catch (error) {
        if (error instanceof PermanentDeliveryError) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
    {
      connection: bullConnection(options.redisUrl, 'worker'),
      prefix: options.keys.bullPrefix,
      concurrency: options.concurrency,
      // A killed worker's job is picked up again within ~20 s; the claim protocol makes that safe.
      lockDuration: 15_000,
      stalledInterval: 5_000,
      maxStalledCount: POST_MAX_STALLED_COUNT,
    },
  );
  worker.on('failed', (job, error) => {
    if (!job) return;
    const facts = { job: job.id, kind: job.data.kind, err: error.message };
    // A permanent refusal was logged once per channel and error by delivery; one error line per alert would flood.
    if (error instanceof UnrecoverableError)
      logger.debug(facts, 'post job dropped: Slack refuses this channel');
    else if (job.attemptsMade >= (job.opts.attempts ?? 1)) logger.error(facts, 'post job gave up');
  });
  // A job whose worker died is handed back; past maxStalledCount BullMQ fails it without a 'failed' event
  // here, so every stall is worth a line: the last one may be an alert that will not arrive.
  worker.on('stalled', (jobId) =>
    logger.warn(
      { job: jobId, maxStalledCount: POST_MAX_STALLED_COUNT },
      'post job stalled (its worker died); handed back for a retry',
    ),
  );
  worker.on('error', throttledLog(logger, 'post worker error'));
  return worker;
}
