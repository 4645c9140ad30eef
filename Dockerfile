# rested: the server with its built dashboard. Multi-stage: the build stage compiles TypeScript,
# the dashboard and better-sqlite3; the image keeps only what runs (no sources, no dev packages).
# Build: docker build -t rested .     Run: docker run -p 4000:4000 -v rested-data:/data rested

FROM node:22-bookworm-slim AS build
# better-sqlite3 compiles from source when no prebuilt binary fits.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1
COPY package.json package-lock.json turbo.json tsconfig.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY dashboard/package.json dashboard/
COPY test/package.json test/
RUN npm ci --no-audit --no-fund
COPY shared shared
COPY server server
COPY dashboard dashboard
RUN npx turbo run build --filter=@rested/server --filter=@rested/dashboard
# Only the server's production packages go into the image.
RUN rm -rf node_modules shared/node_modules server/node_modules \
 && npm ci --omit=dev --workspace=@rested/server --no-audit --no-fund \
 && mkdir -p /out/shared /out/server /out/dashboard \
 && cp -r package.json node_modules /out/ \
 && cp -r shared/package.json shared/dist /out/shared/ \
 && cp -r server/package.json server/dist /out/server/ \
 && if [ -d server/node_modules ]; then cp -r server/node_modules /out/server/; fi \
 && cp -r dashboard/dist /out/dashboard/

FROM node:22-bookworm-slim
WORKDIR /app
COPY --from=build /out /app
# The embedded store, its secret and its files live in DATA_DIR, owned by the unprivileged user.
RUN mkdir -p /data && chown node:node /data
USER node
ENV NODE_ENV=production DATA_DIR=/data HOST=0.0.0.0 PORT=4000
VOLUME ["/data"]
EXPOSE 4000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server/dist/main.js"]
