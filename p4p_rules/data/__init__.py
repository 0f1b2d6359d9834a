"""Reading and validating the inputs of a payment run: roster, scores, transfers and absences."""

from p4p_rules.data.dataset import Dataset, load_dataset, split_dataset
from p4p_rules.data.problems import DataError, DataProblem

__all__ = ["load_dataset", "split_dataset", "Dataset", "DataError", "DataProblem"]
