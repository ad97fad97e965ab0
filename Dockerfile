# container-review GitHub App: production image.
#
#   build:   node:20-slim, full `npm ci` (no install scripts), `npm run build` (tsc -> lib/)
#   deps:    node:20-slim, production dependencies only (`npm ci --omit=dev`, no install scripts)
#   runtime: distroless Node 20 (no shell, no package manager, no curl/wget), numeric non-root user
#
# Base images are pinned by digest (taken from public build logs and Dockerfiles in the reference
# material; they could not be pulled from this machine). Let Dependabot or Renovate bump the digests.
# Run: docker run -p 3000:3000 -e APP_ID -e PRIVATE_KEY -e WEBHOOK_SECRET container-review

FROM node:20-slim@sha256:2cf067cfed83d5ea958367df9f966191a942351a2df77d6f0193e162b5febfc0 AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY rules ./rules
# tools/ and bench/ are development-only; tsc's include finds nothing there and builds src + rules.
RUN npm run build

FROM node:20-slim@sha256:2cf067cfed83d5ea958367df9f966191a942351a2df77d6f0193e162b5febfc0 AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM gcr.io/distroless/nodejs20-debian12:nonroot@sha256:2cd820156cf039c8b54ae2d2a97e424b6729070714de8707a6b79f20d56f6a9a
LABEL org.opencontainers.image.title="container-review" \
      org.opencontainers.image.description="Container security review for pull requests" \
      org.opencontainers.image.licenses="MIT"
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
# Copied files stay owned by root, so the app user can read but never modify its own code.
COPY --from=deps /src/node_modules ./node_modules
COPY --from=build /src/lib ./lib
COPY package.json ./
COPY bin ./bin
# 65532 is distroless's "nonroot" user; numeric so that Kubernetes can verify runAsNonRoot.
USER 65532:65532
EXPOSE 3000
# Liveness via the app's /healthz; no shell in the image, so the check runs node directly.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["/nodejs/bin/node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The distroless entrypoint is /nodejs/bin/node. The server checks APP_ID, the private key and a
# real WEBHOOK_SECRET before it starts Probot (src/github/server.ts).
CMD ["lib/src/github/server.js"]
