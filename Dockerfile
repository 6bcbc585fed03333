# The engine's production image: built in one stage, run from a slim one that holds only the
# build output and the production dependencies. No npm at container start.
#   docker build -t leadledger .
#   docker run -p 3000:3000 -v leadledger-data:/var/lib/leadledger leadledger

# --- build: the full Debian image has python3, make and g++ for better-sqlite3's native build
FROM node:20-bookworm AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime: same Debian release and Node as the build, so the native module loads as built
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    LEADLEDGER_HOST=0.0.0.0 \
    PORT=3000 \
    LEADLEDGER_DATA_DIR=/var/lib/leadledger
WORKDIR /app
COPY --from=build --chown=root:root /src/package.json ./package.json
COPY --from=build --chown=root:root /src/node_modules ./node_modules
COPY --from=build --chown=root:root /src/dist ./dist
COPY --from=build --chown=root:root /src/apps/cli/bin ./apps/cli/bin
# The code stays root-owned and read-only to the engine; only its data directory is its own.
RUN mkdir -p /var/lib/leadledger && chown node:node /var/lib/leadledger
USER node
VOLUME ["/var/lib/leadledger"]
EXPOSE 3000
# /health answers without a key: 200 when serving (ok, or degraded with the reason), 503 when
# the store cannot be reached or the read models are being rebuilt.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/engine/src/main.js"]
