"""kneefit: build a safe, sourced exercise routine for sore knees."""

__version__ = "0.1.0"
