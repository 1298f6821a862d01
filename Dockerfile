# Deckhand as a container image: `deckhand serve` with the course inside, for a trainer's Docker host
# (compose.yaml runs it in classroom mode). Two stages: the builder installs everything and packs
# Deckhand as its npm package (node-pty's native part built or fetched there, with a compiler at hand);
# the runtime stage gets the installed package and the course, no compiler, no npm cache, and runs as
# a non-root user.
#
#   docker build -t deckhand .                                  # on the official Node image
#   docker build --build-arg NODE_IMAGE=my-node:20 -t deckhand .  # on another (CI: a locally made base,
#                                                               # scripts/build-image.sh)
# No `# syntax=` line: BuildKit would fetch a frontend image from a registry.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
# node-pty uses a prebuilt binary where there is one, and compiles otherwise: keep a compiler here.
RUN if ! command -v g++ >/dev/null || ! command -v make >/dev/null || ! command -v python3 >/dev/null; then \
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 make g++ >/dev/null \
      && rm -rf /var/lib/apt/lists/*; \
    fi
WORKDIR /src
# The manifests first, so a change to the sources alone does not install every package again.
COPY package.json package-lock.json ./
COPY packages/deck/package.json packages/deck/
COPY packages/protocol/package.json packages/protocol/
COPY packages/docker/package.json packages/docker/
COPY packages/server/package.json packages/server/
COPY packages/check/package.json packages/check/
COPY apps/cli/package.json apps/cli/
COPY apps/presenter/package.json apps/presenter/
RUN npm ci --no-audit --no-fund
COPY . .
# The npm package (prepack builds the presenter and bundles the command), installed as users install it;
# node-pty ships prebuilt binaries for every platform (24 MB, mostly Windows'): this one's is kept; source
# maps and type declarations are for development, not for running (~20 MB).
RUN npm pack --silent --pack-destination /tmp \
    && mkdir /opt/deckhand && cd /opt/deckhand \
    && npm init -y >/dev/null \
    && npm install --omit=dev --no-audit --no-fund /tmp/deckhand-*.tgz \
    && npm cache clean --force \
    && find node_modules/node-pty/prebuilds -mindepth 1 -maxdepth 1 ! -name "linux-$(node -p process.arch)" -exec rm -rf {} + \
    && rm -rf node_modules/node-pty/third_party \
    && find node_modules -type f \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' \) -delete

FROM ${NODE_IMAGE} AS runtime
# A user of its own (not the base image's): the sandbox containers run as 1000 and share nothing with it.
RUN groupadd --gid 10001 deckhand && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin deckhand
COPY --from=build /opt/deckhand /opt/deckhand
COPY --chown=root:root slides /course/slides
COPY --chown=root:root examples /course/examples
USER deckhand
WORKDIR /course
ENV NODE_ENV=production PORT=4321 HOST=0.0.0.0
EXPOSE 4321
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/opt/deckhand/node_modules/.bin/deckhand"]
CMD ["serve", "/course/slides"]
