"""Date formats Django does not ship (FORMAT_MODULE_PATH): easy Japanese, with furigana."""
