-- A stored answer records what the use case knew: whether its first run created something
-- (Outcome.created). Which HTTP status that is belongs to src/http, not to the table. Keys
-- stored as a status keep their meaning: 201 was "created", any other status was not.
alter table idempotency_keys add column created boolean;
update idempotency_keys set created = (status_code = 201) where status_code is not null;
alter table idempotency_keys drop column status_code;
