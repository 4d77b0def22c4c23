-- CreateIndex (the search's last word is looked up as the vocabulary words it starts; the
-- database's collation may not be "C", so LIKE 'x%' needs pattern ops to use a btree)
CREATE INDEX "word_prefix_idx" ON "search"."word"("word" text_pattern_ops);
