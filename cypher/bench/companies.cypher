// Benchmark only: synthetic companies (origin 'bench'), one batch of $rows.
UNWIND $rows AS row
CREATE (n:Entity:Company {id: row.id, name: row.name, aliases: row.aliases, country: 'CN',
                          kind: 'company', source_ids: ['source:bench-synthetic'], origin: 'bench'})
