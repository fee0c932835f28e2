-- Credits by amount, for the matcher (store.MatchLines): a credit that may
-- refund an order is found by its currency and an amount near the order's
-- total, any day after the order, and a converted one by its original
-- amount, rather than by reading every line of a statement of a million.
-- Only credits: an index of every line by amount made importing a million
-- lines take twice the time, and charges are found by day.
CREATE INDEX IF NOT EXISTS transactions_credits ON transactions(currency, amount_minor) WHERE amount_minor > 0;
CREATE INDEX IF NOT EXISTS transactions_credits_original ON transactions(original_currency, original_minor)
	WHERE amount_minor > 0 AND original_minor IS NOT NULL;
