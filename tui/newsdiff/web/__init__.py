"""Articles from the web: pages by link and RSS/Atom feeds (the ``web`` extra: httpx, feedparser, trafilatura).

Headless like the engine (no Textual); front ends call ``read_sources`` to
turn links and feed files among the reader's sources into articles.
"""
