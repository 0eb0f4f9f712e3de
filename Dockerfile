# syntax=docker/dockerfile:1
# runscript service image: the MCP server plus the Python sandbox image, run as user 1000.
#
# UNTESTED HERE: no Docker engine was available where this file was written. `cdk synth` only records
# it as an asset; `cdk deploy` (or `docker build .`) builds it. See docs/deploy.md.
#
#   docker build -t runscript .
#   docker run --rm -p 8787:8787 -v "$PWD/config.yaml:/etc/runscript/config.yaml:ro" runscript
ARG NODE_IMAGE=node:24.21-bookworm-slim

# ---- build: every dependency, TypeScript compiled, sandbox image (Pyodide snapshot) built ----------
# The development tools (packages/devtools: fuzz, loadtest, demo; packages/aws-local with s3rver) are
# compiled here with everything else, then removed: the runtime stage never sees them.
FROM ${NODE_IMAGE} AS build
# Toolchain for isolated-vm's native addon, used only if no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund --ignore-scripts \
 && npm rebuild isolated-vm \
 && node -e 'require("isolated-vm")' \
 && npm run build \
 && rm -rf packages/devtools packages/aws-local \
 && rm -rf packages/*/test packages/*/node_modules packages/*/dist/.tsbuildinfo

# ---- prod-deps: production dependencies of the service workspaces only (not infra/ and its CDK, not
# the development tools: no aws-local, s3rver or fast-check) -------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/contracts/package.json packages/contracts/
COPY packages/sandbox/package.json packages/sandbox/
COPY packages/aws-bridge/package.json packages/aws-bridge/
COPY packages/aws-docs/package.json packages/aws-docs/
COPY packages/aws-local/package.json packages/aws-local/
COPY packages/runner/package.json packages/runner/
COPY packages/server/package.json packages/server/
COPY packages/cli/package.json packages/cli/
COPY packages/devtools/package.json packages/devtools/
COPY infra/package.json infra/
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts \
      --workspace=packages/contracts --workspace=packages/sandbox --workspace=packages/aws-bridge \
      --workspace=packages/aws-docs --workspace=packages/runner \
      --workspace=packages/server --workspace=packages/cli \
 && npm rebuild isolated-vm \
 && node -e 'require("isolated-vm")' \
 && rm -rf infra packages/devtools packages/aws-local \
 && test ! -e node_modules/@runscript/devtools && test ! -e node_modules/fast-check && test ! -e node_modules/s3rver

# ---- runtime -----------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=prod-deps /app/ ./
COPY --from=build /src/packages/ ./packages/
COPY --from=build /src/sandbox-images/ ./sandbox-images/
# Writable places under a read-only root filesystem: /tmp (scratch) and /etc/runscript (the config,
# written by the ECS init container). Declared as volumes so ECS copies these owners and modes into
# the task's empty volumes. The application files stay root-owned and read-only for user 1000.
RUN mkdir -p /etc/runscript \
 && chown 1000:1000 /etc/runscript \
 && chmod 0700 /etc/runscript \
 && chmod 1777 /tmp
VOLUME ["/tmp", "/etc/runscript"]
# The official image's `node` user is uid/gid 1000.
USER 1000:1000
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8787/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "packages/cli/dist/main.js", "serve", "--config", "/etc/runscript/config.yaml"]
