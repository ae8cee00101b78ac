"""Finished files: encoding, tags and chapters, sidecars."""
