// Benchmark only: how many synthetic companies are loaded.
MATCH (n:Company) WHERE n.id STARTS WITH 'company:bench-' RETURN count(n) AS n
