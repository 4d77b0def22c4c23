-- CreateIndex (a range of the vocabulary by prefix: the search's last word is expanded to the
-- words it starts, and the database's collation may not be "C", so LIKE 'x%' needs pattern ops)
CREATE INDEX "word_prefix_idx" ON "search"."word"("word" text_pattern_ops);
