"""The first floor: language processing, the pipeline and ingestion (see extract.pipeline).

A compiled build of most modules (`make native`, see extract.native) is used only while it matches
the sources; otherwise every module is read from its `.py` file."""

from extract.native import use_sources_if_stale

use_sources_if_stale()
