"""Bulk loads and exports through S3.

  jobs     the job API: start a load or an export, read and list jobs
  load     the load worker: stream a source file, validate and write its rows, report bad ones
  writes   the record writes of a load (many creates in one transaction, resumable replaces)
  export   the export worker: write every record (or a time window) to one file

A job is an item beside the tenant's data (key formats: shared.keys). A load's source file lands
in the job's folder; its S3 notification runs `load.run_load`, which checkpoints after every chunk so
a cut-off run resumes where it stopped without writing a row twice. An export writes its request
into its folder; that notification runs `export.run_export`, which writes the file beside it.
"""
