# One image for every service of the federation; docker-compose.yml picks the entry point.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/policy/package.json packages/policy/
COPY packages/infrastructure/package.json packages/infrastructure/
COPY packages/demo-data/package.json packages/demo-data/
COPY subgraphs/organization/package.json subgraphs/organization/
COPY subgraphs/contact/package.json subgraphs/contact/
COPY subgraphs/credential/package.json subgraphs/credential/
COPY gateway/package.json gateway/
COPY tools/package.json tools/
COPY clients/web/package.json clients/web/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV APOLLO_TELEMETRY_DISABLED=1
COPY --from=build --chown=node:node /app /app
USER node
CMD ["node", "gateway/dist/index.js"]
