"""The payment engine: a law in force applied to rosters, scores and transfers, to the centavo."""
