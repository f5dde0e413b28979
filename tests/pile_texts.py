"""A small hand-written pile: two earthquakes and a phone launch, three outlets each.

Written for the tests (no corpus text): the two earthquakes share their kind's
words ("magnitude", "quake", "tsunami warning") and differ in place, strength
and people, as same-kind events do in a real pile.
"""

from __future__ import annotations

from newsdiff.engine.load import article_from_text
from newsdiff.engine.model import Article

PILE = {
    "chile": [
        "Strong quake shakes northern Chile\n\n"
        "A magnitude 7.1 earthquake struck off the coast of Antofagasta in northern Chile on Tuesday, "
        "the Chilean Navy said. Residents of Antofagasta and Iquique left their homes for higher ground. "
        "Interior Minister Rodrigo Delgado said no deaths had been reported. A tsunami warning was lifted after two hours.",
        "Chile lifts tsunami warning after 7.1 tremor\n\n"
        "Authorities in Chile lifted a tsunami warning after a magnitude 7.1 earthquake hit near Antofagasta. "
        "Rodrigo Delgado, the interior minister, said roads near Iquique were damaged. "
        "The Chilean Navy had ordered coastal areas of Antofagasta evacuated.",
        "Antofagasta residents flee as earthquake hits\n\n"
        "Thousands in Antofagasta spent the night outdoors after the 7.1 quake. "
        "Minister Rodrigo Delgado visited Iquique, where a school wall collapsed. The Chilean Navy lifted its tsunami alert.",
    ],
    "japan": [
        "Earthquake rattles Hokkaido, trains halted\n\n"
        "A magnitude 6.4 earthquake struck Hokkaido in northern Japan on Friday, halting trains around Sapporo. "
        "Chief Cabinet Secretary Hirokazu Matsuno said there was no tsunami risk. "
        "Power was cut to 12,000 homes near Kushiro.",
        "6.4 quake hits Hokkaido; no tsunami expected\n\n"
        "The Japan Meteorological Agency said the 6.4 magnitude quake centred near Kushiro posed no tsunami threat. "
        "Hirokazu Matsuno told reporters in Tokyo that trains in Sapporo would resume by evening.",
        "Kushiro homes lose power after Hokkaido tremor\n\n"
        "About 12,000 homes in Kushiro lost power after the earthquake in Hokkaido. "
        "Sapporo commuters were stranded as trains stopped. Matsuno said the government was assessing damage.",
    ],
    "phone": [
        "Nokia unveils the Lumia 2020 in Helsinki\n\n"
        "Nokia showed its Lumia 2020 phone at an event in Helsinki on Wednesday. "
        "Chief executive Pekka Lundmark said the phone would sell for 499 euros from March.",
        "Lundmark launches Lumia 2020 with 499-euro price\n\n"
        "Pekka Lundmark presented the Lumia 2020 in Helsinki. The Nokia phone goes on sale in March for 499 euros.",
        "Nokia Lumia 2020: what Helsinki saw\n\n"
        "At the Helsinki launch, Nokia said the Lumia 2020 battery lasts two days. "
        "Lundmark said orders open in March at 499 euros.",
    ],
}
"""Each event's articles, by event name."""

FURNITURE = (
    "http://www.example-news.com/world/story?id=1234\n",
    "Updated 09/14/2013 01:03 PM\n",
    "Share this article\n",
)
"""Lines a site puts on every page: they must not pull its pages into one story."""


def pile_articles(furniture: bool = False) -> tuple[list[Article], list[str]]:
    """The pile's articles (ids ``chile1``…) and each one's event; with ``furniture``, every page carries the same site lines."""
    articles: list[Article] = []
    events: list[str] = []
    for event, texts in PILE.items():
        for number, text in enumerate(texts, start=1):
            body = "".join(FURNITURE) + text if furniture else text
            articles.append(
                article_from_text(body, article_id=f"{event}{number}", source=f"{event.title()} Daily {number}")
            )
            events.append(event)
    return articles, events
