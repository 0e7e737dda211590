// survgraph schema: uniqueness on every id, indexes on what queries filter on, and a
// full-text index over names and aliases. Every statement is IF NOT EXISTS: applying the
// file twice changes nothing (`survgraph db migrate`, and every `survgraph load`).

// Every resolvable thing (company, government body, place, list, contract) is an :Entity
// with a globally unique, prefixed id such as company:hikvision.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT company_id IF NOT EXISTS FOR (n:Company) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT government_body_id IF NOT EXISTS FOR (n:GovernmentBody) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT list_id IF NOT EXISTS FOR (n:List) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT sector_id IF NOT EXISTS FOR (n:Sector) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT brand_id IF NOT EXISTS FOR (n:Brand) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT notice_statement_id IF NOT EXISTS FOR (n:NoticeStatement) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT write_epoch_id IF NOT EXISTS FOR (n:WriteEpoch) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT migration_id IF NOT EXISTS FOR (n:Migration) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT contract_id IF NOT EXISTS FOR (n:Contract) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT rule_id IF NOT EXISTS FOR (n:Rule) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT rule_version_id IF NOT EXISTS FOR (n:RuleVersion) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT review_item_id IF NOT EXISTS FOR (n:ReviewItem) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT load_run_id IF NOT EXISTS FOR (n:LoadRun) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT list_entry_id IF NOT EXISTS FOR (n:ListEntry) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE;
// The service's own bookkeeping (api/screening, api/watchlists): a screening row is keyed by
// its job and its number, so a resumed job can never write a row twice.
CREATE CONSTRAINT screening_job_id IF NOT EXISTS FOR (j:ScreeningJob) REQUIRE j.id IS UNIQUE;
CREATE INDEX screening_job_status IF NOT EXISTS FOR (j:ScreeningJob) ON (j.status);
CREATE CONSTRAINT screening_row_key IF NOT EXISTS
FOR (r:ScreeningRow) REQUIRE (r.job_id, r.row) IS UNIQUE;
CREATE CONSTRAINT watchlist_id IF NOT EXISTS FOR (w:Watchlist) REQUIRE w.id IS UNIQUE;

// Filters used by the API and the loaders.
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE INDEX company_country IF NOT EXISTS FOR (n:Company) ON (n.country);
CREATE INDEX contract_status IF NOT EXISTS FOR (n:Contract) ON (n.status);
CREATE INDEX place_kind IF NOT EXISTS FOR (n:Place) ON (n.kind);
CREATE INDEX source_date IF NOT EXISTS FOR (n:Source) ON (n.date);
CREATE INDEX review_status IF NOT EXISTS FOR (n:ReviewItem) ON (n.status);
// Judgements by when they were decided: the names a `known_at` resolution leaves out.
CREATE INDEX review_decided_at IF NOT EXISTS FOR (n:ReviewItem) ON (n.decided_at);
CREATE INDEX load_run_started IF NOT EXISTS FOR (n:LoadRun) ON (n.started_at);
CREATE INDEX listed_on_since IF NOT EXISTS FOR ()-[r:LISTED_ON]-() ON (r.since);
CREATE INDEX listed_on_fact IF NOT EXISTS FOR ()-[r:LISTED_ON]-() ON (r.fact_id);
CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at);
CREATE INDEX change_entity IF NOT EXISTS FOR (c:Change) ON (c.entity_id);
// Record time (graph.model.RECORD_KEYS): closed versions of facts, read by the fact's start
// and end (known_at answers, walked both ways), by its fact id (a stake's earlier value) and by when they closed (the
// watchlist change feed).
CREATE INDEX fact_record_start IF NOT EXISTS FOR (f:FactRecord) ON (f.fact_start);
CREATE INDEX fact_record_end IF NOT EXISTS FOR (f:FactRecord) ON (f.fact_end);
CREATE INDEX fact_record_fact IF NOT EXISTS FOR (f:FactRecord) ON (f.fact_id);
CREATE INDEX fact_record_until IF NOT EXISTS FOR (f:FactRecord) ON (f.recorded_until);
// Entities by when survgraph first recorded them (a `known_at` resolution leaves out later ones).
CREATE INDEX entity_first_recorded IF NOT EXISTS FOR (n:Entity) ON (n.first_recorded_at);
// The claims the lists state (loaders.pipeline.claims) are merged by fact_id and read by kind.
CREATE INDEX subsidiary_of_fact IF NOT EXISTS FOR ()-[r:SUBSIDIARY_OF]-() ON (r.fact_id);
CREATE INDEX branch_of_fact IF NOT EXISTS FOR ()-[r:BRANCH_OF]-() ON (r.fact_id);
CREATE INDEX linked_to_fact IF NOT EXISTS FOR ()-[r:LINKED_TO]-() ON (r.fact_id);
CREATE INDEX affiliate_of_fact IF NOT EXISTS FOR ()-[r:AFFILIATE_OF]-() ON (r.fact_id);
CREATE INDEX subsidiary_of_claim_kind IF NOT EXISTS FOR ()-[r:SUBSIDIARY_OF]-() ON (r.claim_kind);
CREATE INDEX list_entry_name IF NOT EXISTS FOR (e:ListEntry) ON (e.name);

// Full-text search over names and aliases (aliases include Chinese script and pinyin).
CREATE FULLTEXT INDEX entity_name_search IF NOT EXISTS
FOR (n:Company|Person|GovernmentBody|Place|List|Contract)
ON EACH [n.name, n.short_name, n.aliases];

// Superseded indexes. `entity_names` was the first name of the full-text index above; a graph
// created before the rename still has it, and every write would update both.
DROP INDEX entity_names IF EXISTS;
