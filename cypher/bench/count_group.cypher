// Benchmark only: whether the group of bench/bench_exposure.py is loaded.
MATCH (n:Company {id: 'company:bench-group-0'}) RETURN count(n) AS n
