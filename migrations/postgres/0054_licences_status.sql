-- The federation's licence list filtered by status (the requests to decide: a few thousand
-- among 850,000 licences at 1,000 clubs) reads that status's licences directly.
CREATE INDEX licences_status ON licences (tenant_id, status, person_id);
