-- One row that names this database whatever URL reaches it (servers that share it share cached
-- answers and invalidation through it), and holds the key that signs what servers of this
-- database hand out (preview tokens). gen_random_uuid draws on pg_strong_random, so two of them
-- make a key of 244 random bits, generated where every server can read it and none has to agree.
CREATE TABLE "database_identity" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "database_id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "signing_key" TEXT NOT NULL DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),

    CONSTRAINT "database_identity_pkey" PRIMARY KEY ("id")
);

INSERT INTO "database_identity" DEFAULT VALUES;
