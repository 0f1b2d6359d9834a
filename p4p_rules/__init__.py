"""p4p-rules: a rules engine for municipal PMAQ pay-for-performance laws."""
__version__ = "0.1.0"
