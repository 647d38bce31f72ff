#!/bin/sh
# Runs a server for the integration tests with its output in a file: run-in-background.sh LOG COMMAND [ARG...]
# (exec-maven-plugin starts it asynchronously; its own pipe is not drained while the tests run, and a server that
# logs to a full pipe blocks.)
log="$1"
shift
exec "$@" > "$log" 2>&1
