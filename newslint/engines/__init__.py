"""Engines that run newslint's checker beyond the worker processes of one machine
(``newslint.workers``): ``newslint.engines.ray`` runs it on Ray Data (the ``ray`` extra)."""
