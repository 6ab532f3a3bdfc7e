"""`make calibrate`: the campaign checks measured on real budgets with planted errors."""
