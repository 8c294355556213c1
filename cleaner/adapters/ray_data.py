"""Cleaning on a Ray cluster with Ray Data (`pip install 'cleaner[ray]'`).

Two entries, both built on `map_batches` with a callable class, so each Ray worker compiles
the rules once and keeps them for every batch it gets:

- `clean_dataset(ds, text_field=...)`: a Dataset of records in, the same records out with the
  text field cleaned and a `cleaner_changes` column (the change log entries, as JSON);
- `ray_runner(address)`: a batch runner for `run_all` (what `cleaner clean --engine ray`
  uses): each file is one task, and a worker runs the same `process` a local run does,
  reading the input and writing the output and change log itself. Inputs and `--out` must
  therefore be reachable at the same paths from every node (one machine, or a shared file
  system); the driver only ships the pipeline's options and the paths, and gets back each
  file's small outcome for the progress bar and the summary.
"""

from __future__ import annotations

import logging
import pickle
import warnings
from typing import Any, Callable

import ray

from cleaner.batch import Outcome, Task, process
from cleaner.changelog import to_json_text
from cleaner.pipeline import Options, Pipeline
from cleaner.records import clean_value

#: Files per batch sent to a worker: small enough to balance, large enough to amortise.
FILES_PER_BATCH = 32
RECORDS_PER_BATCH = 256


def connect(address: str | None = None, num_cpus: int | None = None) -> None:
    """Join the cluster at `address` ("auto": the one this machine belongs to), or start a local
    one (with `num_cpus`); a session already connected is kept. Ray's own chatter is muted."""
    if not ray.is_initialized():
        ray.init(
            address=address,
            num_cpus=num_cpus if address is None else None,
            include_dashboard=False,
            logging_level=logging.ERROR,
            log_to_driver=False,
        )
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.execution_options.preserve_order = True
    _quiet(logging.getLogger("ray.data"))


def _quiet(logger: logging.Logger) -> None:
    """Ray Data logs each execution's start and end at INFO on its own handlers."""
    logger.setLevel(logging.ERROR)
    for handler in logger.handlers:
        handler.setLevel(logging.ERROR)


class _ProcessFiles:
    """The Ray Data worker for files: one Pipeline per worker, `process` per task."""

    def __init__(self, options: Options, encoding: str | None, text_field: str, html_field: str | None):
        self.pipeline = Pipeline(options)
        self.encoding, self.text_field, self.html_field = encoding, text_field, html_field

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[bytes]]:
        outcomes = []
        for blob in batch["task"]:
            outcome = process(self.pipeline, pickle.loads(blob), self.encoding, self.text_field, self.html_field)
            outcomes.append(pickle.dumps(outcome))
        return {"outcome": outcomes}


def ray_runner(address: str | None = None, workers: int | None = None) -> Callable[..., None]:
    """A runner for `cleaner.batch.run_all(..., runner=)` that spreads the files over Ray workers."""

    def run(
        pipeline: Pipeline,
        tasks: list[Task],
        jobs: int,
        encoding: str | None,
        text_field: str,
        on_outcome: Callable[[Outcome], None],
        html_field: str | None = None,
    ) -> None:
        if not tasks:
            return
        connect(address, num_cpus=workers or jobs)
        dataset = ray.data.from_items([{"task": pickle.dumps(task)} for task in tasks])
        arguments = {"options": pipeline.options, "encoding": encoding, "text_field": text_field, "html_field": html_field}
        cleaned = _map(dataset, _ProcessFiles, arguments, FILES_PER_BATCH, workers or jobs, "numpy")
        for batch in cleaned.iter_batches(batch_size=FILES_PER_BATCH, batch_format="numpy"):
            for blob in batch["outcome"]:
                on_outcome(pickle.loads(blob))

    return run


class _CleanRecords:
    """The Ray Data worker for records: one Pipeline per worker, the text field cleaned."""

    def __init__(self, options: Options, text_field: str):
        self.pipeline = Pipeline(options)
        self.text_field = text_field

    def __call__(self, batch):
        texts = batch[self.text_field]
        cleaned, logs = [], []
        for value in texts:
            value, result = clean_value(self.pipeline, value)  # no text here: passed through
            cleaned.append(value)
            logs.append(to_json_text([change.to_json() for change in result.changes]) if result else "[]")
        batch[self.text_field] = cleaned
        batch["cleaner_changes"] = logs
        return batch


def clean_dataset(
    dataset: "ray.data.Dataset",
    text_field: str = "text",
    concurrency: int | None = None,
    batch_size: int = RECORDS_PER_BATCH,
    **pipeline_options: Any,
) -> "ray.data.Dataset":
    """The records of `dataset` with `text_field` cleaned (as `Pipeline.clean_field` would) and
    the changes of each in a `cleaner_changes` column (a JSON array of change log entries).

    `pipeline_options` are `Pipeline`'s (select, ignore, profile, rule_dirs...); the rules are
    compiled once per worker. Lazy, like every Ray Data transformation.
    """
    options = Pipeline(**pipeline_options).options  # fails here, on the driver, if invalid
    arguments = {"options": options, "text_field": text_field}
    return _map(dataset, _CleanRecords, arguments, batch_size, concurrency or 1, "pandas")


def _map(dataset, worker: type, arguments: dict[str, Any], batch_size: int, workers: int, batch_format: str):
    """`map_batches` with a pool of `workers` actors of `worker(**arguments)`, each built once."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # max_restarts travels as a remote arg
        return dataset.map_batches(
            worker,
            fn_constructor_kwargs=arguments,
            batch_size=batch_size,
            batch_format=batch_format,
            compute=ray.data.ActorPoolStrategy(size=workers),
            max_restarts=0,  # a lost worker fails the run loudly (and Ray does not warn about rebuilding it)
        )
