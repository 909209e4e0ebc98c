# Stockroom's production image (docs/operations.md, "Container").
#   docker build -t stockroom .
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://... stockroom
# Node 22 (an LTS; the code also runs on Node 20.19+). Pin the digest in your own registry.
ARG NODE_IMAGE=node:22-bookworm-slim

# 1. Every dependency, dev ones included: the build needs TypeScript and Vite.
FROM ${NODE_IMAGE} AS install
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# 2. Build once: the server into dist/, the dashboard into web/dist/.
FROM install AS build
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.mjs scripts/
COPY src src
COPY web web
RUN npm run build

# 3. Production dependencies only: no compiler, no bundler, no browser libraries.
FROM install AS prune
RUN npm prune --omit=dev --no-audit --no-fund

# 4. What runs: built output, production dependencies, the demo data; as a user without rights.
FROM ${NODE_IMAGE} AS run
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    STOCKROOM_DATA=/data
WORKDIR /app
COPY --from=prune /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY --from=build /app/web/dist web/dist
COPY package.json ./
COPY bin bin
# So that `npm start` works in the image too: with no sources beside it, it builds nothing.
COPY scripts/build.mjs scripts/
COPY demo demo
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Liveness (never touches the database); orchestrators should probe /readyz for traffic.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Node itself, not npm or a shell, so SIGTERM reaches the server (docs/operations.md, shutdown).
STOPSIGNAL SIGTERM
CMD ["node", "bin/stockroom.mjs", "serve"]
