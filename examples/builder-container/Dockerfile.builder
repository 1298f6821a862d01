# The builder image: a toolchain and nothing of the project. Source code comes
# in through a bind mount when the container runs, so one builder image serves
# every project built the same way.
FROM alpine:3.24
RUN apk add --no-cache g++ make
WORKDIR /src
