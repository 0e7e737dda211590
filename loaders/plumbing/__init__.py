"""What every load shares, whatever its source: the report (`report`: counts, rejected rows
kept aside), the progress bar (`progress`), and the collector policy for a large load's heap
(`heap`)."""
