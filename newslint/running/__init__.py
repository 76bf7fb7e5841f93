"""Running newslint over many documents: the sources of a run, the work done on each
document, where it is done (executors: this machine's processes, or Ray), the corpus
stage that gives the corpus rules their facts, and :class:`~newslint.running.run.Run`,
which every surface (``check``, ``--fix``, ``clean``, ``report``, the Python API, the
datatrove and datasets steps) goes through."""
