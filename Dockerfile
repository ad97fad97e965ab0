# container-review GitHub App: production image.
#
#   build:   Node 22 slim, full `npm ci` (no install scripts), `npm run build` (tsc -> lib/)
#   deps:    Node 22 slim, production dependencies only (`npm ci --omit=dev`, no install scripts)
#   runtime: distroless Node 22 (no shell, no package manager, no curl/wget), numeric non-root user
#
# Why Node 22 and not 20: Node 20 reached end of life on 2026-04-30 and gets no security fixes;
# container-review's own dockerfile/eol-base-image rule flags it. The app supports Node >= 20.18.1
# (package.json engines; Probot 14 supports 20.18.1 and 22+), and CI still tests on Node 20.
#
# Base images are pinned by digest (taken from public build logs and Dockerfiles in the reference
# material; they could not be pulled from this machine). Let Dependabot or Renovate bump the digests.
# Run: docker run -p 3000:3000 -e APP_ID -e PRIVATE_KEY -e WEBHOOK_SECRET container-review

FROM node:22-bookworm-slim@sha256:43ac6c60b8f89723f746e8a92ce91abd5017e627ce1ddfe4238355d3a30b772c AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY rules ./rules
# tools/ and bench/ are development-only; tsc's include finds nothing there and builds src + rules.
RUN npm run build

FROM node:22-bookworm-slim@sha256:43ac6c60b8f89723f746e8a92ce91abd5017e627ce1ddfe4238355d3a30b772c AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM gcr.io/distroless/nodejs22-debian12:nonroot@sha256:13593b7570658e8477de39e2f4a1dd25db2f836d68a0ba771251572d23bb4f8e
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
