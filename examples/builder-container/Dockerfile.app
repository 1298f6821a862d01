# The application image: the artifact the builder container left in out/.
FROM scratch
COPY out/report /report
ENTRYPOINT ["/report"]
