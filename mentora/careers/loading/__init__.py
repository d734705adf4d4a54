"""Reading the official career-data files: find them, validate them, turn them into rows.

Nothing here writes to the database; `mentora.careers.services.careerdata_load` does, in one
transaction, after every file has been read and checked.
"""
