"""``readability.*``: sentences, words and syllables measured (``textstats``) and the rules on them."""
