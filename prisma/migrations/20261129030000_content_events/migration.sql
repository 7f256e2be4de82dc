-- The outbox of changes to content: each row is written by the same transaction as the change it
-- records, so no change is lost to a crash, whoever made it (the API, an import, plain SQL).
-- A row is pending until released: releasing gives it the next `seq`, in order of `due_at`, under
-- one lock, so a reader following `seq` never sees a later number commit before an earlier one.
-- The change feed and webhooks follow `seq`. A scheduled publication is due at its time.
CREATE TABLE "content_events" (
    "id" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "subject_kind" "ContentKind",
    "subject_id" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "previous_slug" TEXT,
    "tag_ids" INTEGER[] NOT NULL DEFAULT ARRAY[]::INTEGER[],
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "due_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seq" BIGINT,
    "released_at" TIMESTAMPTZ(3),

    CONSTRAINT "content_events_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "content_events_seq_key" ON "content_events"("seq");
CREATE INDEX "content_events_due_at_idx" ON "content_events"("due_at");
