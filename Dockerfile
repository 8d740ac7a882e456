# syntax=docker/dockerfile:1
# tfactions: `docker build -t tfactions .`; compose.yaml runs the web process, a worker and Redis from it.

# Build: dev dependencies and the TypeScript compiler, left behind once dist/ exists.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts/copy-lua.mjs ./scripts/
RUN npm run build

# Production dependencies only, installed clean rather than pruned.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    WORKER_PORT=3001
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json Procfile ./
USER node
EXPOSE 3000 3001
# The default command (web and worker in one process) answers on PORT; compose checks the worker on WORKER_PORT.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/main.js"]
