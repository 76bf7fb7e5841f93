"""newslint inside other corpus tools: a datatrove pipeline step
(``newslint.integrations.datatrove``, the ``datatrove`` extra) and a batched
``datasets.Dataset.map`` function (``newslint.integrations.datasets``). Both check each
record with a :class:`~newslint.Checker` and give the findings ``newslint check`` gives."""
