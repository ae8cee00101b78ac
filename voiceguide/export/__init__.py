"""Finished files: encoding, tags, cover and chapters, sidecars (captions, timeline, sheet), the playlist."""
