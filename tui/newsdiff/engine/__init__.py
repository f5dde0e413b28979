"""The story engine: articles in, a ``Story`` out. It never imports Textual."""
