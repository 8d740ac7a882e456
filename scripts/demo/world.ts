import type {
  HcpSimulator,
  SimAction,
  SimInvocation,
  SimWorkspace,
} from '../../test/support/hcp-simulator/index.js';
import {
  actionErroredLine,
  actionStartLine,
  diagnosticLine,
  versionLine,
} from '../../test/support/hcp-simulator/run-logs/ui-messages.js';

/** The demo's HCP Terraform organization: two workspaces, their actions, and what happens to them. */
export interface DemoWorld {
  readonly networking: SimWorkspace;
  readonly payments: SimWorkspace;
  /** networking-prod, aws, root module: invoked directly with `terraform apply -invoke=...`. */
  readonly notify: SimAction;
  /** networking-prod, aws, module.bastion: a direct action with only successful history. */
  readonly drain: SimAction;
  /** networking-prod, aap, module.routers: runs inside long applies. */
  readonly configureRouters: SimAction;
  /** payments-prod, local, root module: lifecycle action after_create on the web instances. */
  readonly smokeTest: SimAction;
  /** payments-prod, aws, root module: lifecycle action that announces deploys. */
  readonly deployNotice: SimAction;
  /** payments-prod, aws, module.cdn: a direct cache purge. */
  readonly purgeCdn: SimAction;
}

/** An (action, run) pair the demo made happen. */
export interface Happening {
  readonly actionId: string;
  readonly address: string;
  readonly runId: string;
  readonly workspace: SimWorkspace;
}

const DAY = 86_400;

/** `seconds` before the simulator's clock, in the API's whole-second form. */
export function isoAgo(sim: HcpSimulator, seconds: number): string {
  return new Date(Date.parse(sim.now()) - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function buildWorld(sim: HcpSimulator): DemoWorld {
  const created = isoAgo(sim, 30 * DAY);
  const networking = sim.addWorkspace({ name: 'networking-prod', organization: 'acme', createdAt: created });
  const payments = sim.addWorkspace({ name: 'payments-prod', organization: 'acme', createdAt: created });
  const action = (
    workspace: SimWorkspace,
    address: string,
    extra: { provider?: string; moduleAddress?: string },
  ) => sim.addAction({ workspaceId: workspace.id, address, createdAt: created, ...extra });
  return {
    networking,
    payments,
    notify: action(networking, 'action.aws_lambda_invoke.notify', { provider: 'aws' }),
    drain: action(networking, 'action.aws_ec2_stop_instance.drain', {
      provider: 'aws',
      moduleAddress: 'module.bastion',
    }),
    configureRouters: action(networking, 'action.aap_job_launch.configure_routers', {
      provider: 'aap',
      moduleAddress: 'module.routers',
    }),
    smokeTest: action(payments, 'action.local_command.smoke_test', { provider: 'local' }),
    deployNotice: action(payments, 'action.aws_sns_publish.deploy_notice', { provider: 'aws' }),
    purgeCdn: action(payments, 'action.aws_cloudfront_create_invalidation.purge', {
      provider: 'aws',
      moduleAddress: 'module.cdn',
    }),
  };
}

function happening(world: DemoWorld, action: SimAction, runId: string): Happening {
  const workspace = action.workspaceId === world.networking.id ? world.networking : world.payments;
  return { actionId: action.id, address: action.address, runId, workspace };
}

/**
 * Weeks of ordinary activity before anybody subscribed, including a failure three days ago that no alert
 * may ever mention. Returns that failure.
 */
export function seedHistory(sim: HcpSimulator, world: DemoWorld): Happening {
  const past = (action: SimAction, daysAgo: number, status: 'successful' | 'failed', by: string | null) => {
    const run = sim.addRun({
      workspaceId: action.workspaceId,
      source: by ? 'terraform+cloud' : 'tfe-configuration-version',
    });
    sim.addInvocation({
      actionId: action.id,
      runId: run.id,
      finalStatus: status,
      method: 'direct',
      invokedBy: by,
      invokedAt: isoAgo(sim, daysAgo * DAY),
    });
    return run.id;
  };
  past(world.notify, 9, 'successful', 'maria.dev');
  past(world.drain, 7, 'successful', 'sam.ops');
  past(world.purgeCdn, 6, 'successful', 'sam.ops');
  const oldFailure = past(world.notify, 3, 'failed', 'maria.dev');
  past(world.notify, 2, 'successful', 'maria.dev');

  const vcsRun = sim.addRun({ workspaceId: world.payments.id, source: 'tfe-configuration-version' });
  for (const [index, action] of [world.smokeTest, world.deployNotice].entries())
    sim.addInvocation({
      actionId: action.id,
      runId: vcsRun.id,
      method: 'lifecycle',
      invokedBy: null,
      triggerEvent: 'AfterCreate',
      triggeringResourceAddress: 'aws_instance.web[0]',
      blockIndex: 0,
      listIndex: index,
      invokedAt: isoAgo(sim, 1 * DAY),
    });
  const routersRun = sim.addRun({ workspaceId: world.networking.id, source: 'tfe-ui' });
  sim.addInvocation({
    actionId: world.configureRouters.id,
    runId: routersRun.id,
    method: 'direct',
    invokedBy: 'priya.net',
    invokedAt: isoAgo(sim, 4 * DAY),
  });
  return happening(world, world.notify, oldFailure);
}

/** A cache purge that failed seconds before the subscription: still history, never alerted. */
export function failJustBeforeSubscribing(sim: HcpSimulator, world: DemoWorld): Happening {
  const run = sim.addRun({ workspaceId: world.payments.id, source: 'terraform+cloud' });
  sim.addInvocation({
    actionId: world.purgeCdn.id,
    runId: run.id,
    finalStatus: 'failed',
    method: 'direct',
    invokedBy: 'sam.ops',
    invokedAt: isoAgo(sim, 10),
  });
  return happening(world, world.purgeCdn, run.id);
}

/** `terraform apply -invoke=action.aws_lambda_invoke.notify`, and the Lambda returns an error. */
export function failDirectInvocation(sim: HcpSimulator, world: DemoWorld): Happening {
  const run = sim.addRun({ workspaceId: world.networking.id, source: 'terraform+cloud' });
  sim.addInvocation({
    actionId: world.notify.id,
    runId: run.id,
    finalStatus: 'failed',
    method: 'direct',
    invokedBy: 'maria.dev',
  });
  sim.runLogs.addRun({
    id: run.id,
    status: 'errored',
    plan: { log: { lines: [versionLine()] } },
    apply: { status: 'errored', log: { lines: notifyFailureLog(world.notify.address) } },
  });
  return happening(world, world.notify, run.id);
}

/** The error the demo's direct invocation fails with, as its apply log says it (`terraform apply -json`). */
export const DEMO_ACTION_ERROR =
  'AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/tfc-runner/run is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:eu-west-1:123456789012:function:notify';

function notifyFailureLog(action: string): string[] {
  return [
    versionLine(),
    actionStartLine({ action }),
    actionErroredLine({ action, error: DEMO_ACTION_ERROR }),
    diagnosticLine({
      severity: 'error',
      summary: 'Error invoking action',
      detail: `${action}: ${DEMO_ACTION_ERROR}`,
      filename: 'main.tf',
      line: 42,
      code: 'action "aws_lambda_invoke" "notify" {',
    }),
  ];
}

/**
 * A VCS-triggered apply creates two web instances; the smoke test (after_create, on_failure = continue)
 * fails on aws_instance.web[0] and passes on web[1]; the deploy notice succeeds; the run itself succeeds.
 */
export function failLifecycleAction(sim: HcpSimulator, world: DemoWorld): Happening {
  const run = sim.addRun({ workspaceId: world.payments.id, source: 'tfe-configuration-version' });
  const lifecycle = (
    action: SimAction,
    resource: string,
    listIndex: number,
    status: 'successful' | 'failed',
  ) =>
    sim.addInvocation({
      actionId: action.id,
      runId: run.id,
      finalStatus: status,
      method: 'lifecycle',
      invokedBy: 'sam.ops',
      triggerEvent: 'AfterCreate',
      triggeringResourceAddress: resource,
      blockIndex: 0,
      listIndex,
    });
  lifecycle(world.smokeTest, 'aws_instance.web[0]', 0, 'failed');
  lifecycle(world.deployNotice, 'aws_instance.web[0]', 1, 'successful');
  lifecycle(world.smokeTest, 'aws_instance.web[1]', 0, 'successful');
  lifecycle(world.deployNotice, 'aws_instance.web[1]', 1, 'successful');
  return happening(world, world.smokeTest, run.id);
}

export interface LongRun {
  readonly happening: Happening;
  readonly invocation: SimInvocation;
}

/** A long apply starts; the router configuration job is invoked and the run stays in progress. */
export function startLongRun(sim: HcpSimulator, world: DemoWorld): LongRun {
  const run = sim.addRun({ workspaceId: world.networking.id, source: 'tfe-ui', inProgress: true });
  const invocation = sim.addInvocation({
    actionId: world.configureRouters.id,
    runId: run.id,
    finalStatus: 'not_invoked',
    method: 'direct',
    invokedBy: 'priya.net',
  });
  return { happening: happening(world, world.configureRouters, run.id), invocation };
}

/** The long apply ends; its invocation is failed. Its invoked-at stays what it was when the run started. */
export function finishLongRunFailed(sim: HcpSimulator, longRun: LongRun): void {
  sim.setInvocationStatus(longRun.invocation.id, 'failed');
  sim.finishRun(longRun.happening.runId);
}

/** The notify action succeeds again in a newer run. */
export function recoverDirectInvocation(sim: HcpSimulator, world: DemoWorld): Happening {
  const run = sim.addRun({ workspaceId: world.networking.id, source: 'terraform+cloud' });
  sim.addInvocation({
    actionId: world.notify.id,
    runId: run.id,
    finalStatus: 'successful',
    method: 'direct',
    invokedBy: 'maria.dev',
  });
  return happening(world, world.notify, run.id);
}

/** Ongoing mode: a run of `action` with one direct invocation of the given status. */
export function invokeOnce(
  sim: HcpSimulator,
  world: DemoWorld,
  action: SimAction,
  status: 'successful' | 'failed',
  by: string,
): Happening {
  const run = sim.addRun({ workspaceId: action.workspaceId, source: 'terraform+cloud' });
  sim.addInvocation({
    actionId: action.id,
    runId: run.id,
    finalStatus: status,
    method: 'direct',
    invokedBy: by,
  });
  return happening(world, action, run.id);
}

/** The organization as a short listing for the terminal. */
export function describeWorld(world: DemoWorld): string[] {
  const line = (action: SimAction) => {
    const module = action.moduleAddress === 'system:root_module' ? 'root module' : action.moduleAddress;
    return `    ${action.address.padEnd(48)} ${action.provider.padEnd(6)} ${module}`;
  };
  return [
    `  acme/networking-prod (${world.networking.id})`,
    ...[world.notify, world.drain, world.configureRouters].map(line),
    `  acme/payments-prod (${world.payments.id})`,
    ...[world.smokeTest, world.deployNotice, world.purgeCdn].map(line),
  ];
}
