"""`make bench`: what users pay for — cold start, per-request overhead, DynamoDB requests, scaling.

`python -m bench.run` starts the storage servers, runs each section in its own process
(`python -m bench.<section>`, printing one JSON line), prints the table and writes
`bench/results/latest.json` and the results part of `docs/performance.md`."""
