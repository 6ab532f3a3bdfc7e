"""Hromada: the information system of an association of local governments."""
