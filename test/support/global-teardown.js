export default async function globalTeardown() {
  await globalThis.__tfactionsRedis?.stop();
}
