# x12d: build stage installs everything and typechecks; the final stage carries production
# dependencies only (tsx runs the TypeScript sources, so there is no separate compile output).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json vitest.config.ts ./
COPY src ./src
COPY bin ./bin
COPY test ./test
COPY bench ./bench
RUN npx tsc -p tsconfig.json --noEmit

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/src ./src
COPY --from=build /app/bin ./bin
COPY mappings ./mappings
COPY config ./config
COPY samples ./samples
RUN groupadd --system x12d && useradd --system --gid x12d --home-dir /var/lib/x12d --create-home x12d \
  && ln -s /app/bin/x12d.js /usr/local/bin/x12d
USER x12d
VOLUME ["/var/lib/x12d"]
ENV X12D_DATA_DIR=/var/lib/x12d
ENTRYPOINT ["x12d"]
CMD ["start"]
