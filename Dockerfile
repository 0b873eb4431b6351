# syntax=docker/dockerfile:1
# One image for every Syncline app; each Deployment, Job or CronJob picks its entrypoint:
#   node dist/apps/<app>/src/main.js   (sync-worker, delivery-worker, cache-api, reconciler,
#                                       crm-sim, syncctl)
#   node dist/scripts/db-migrate.js    (schema migrations: a Job or an init container)
# Build: docker build -t syncline:0.1.0 .   (minikube: minikube image build -t syncline:0.1.0 .)

# Pinned by tag; pin by digest too (node:20.20.2-bookworm-slim@sha256:...) in a release pipeline.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# --- build: all dependencies, compile TypeScript, rewrite @syncline/* paths -------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY scripts ./scripts
RUN npm run build

# --- prod-deps: runtime dependencies only, without install scripts ---------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error \
  && npm cache clean --force

# --- runtime: no compiler, no npm cache, no source, non-root -----------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
# Owned by root and read-only for the app user: the containers also run with a read-only root
# filesystem; only /tmp (an emptyDir in the manifests) is writable.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The node base image's unprivileged user; the manifests pin runAsUser/runAsGroup 1000 to match.
USER 1000:1000
EXPOSE 3000 9464
ENTRYPOINT ["node"]
CMD ["dist/apps/cache-api/src/main.js"]
