"""Page furniture and datelines.

The timestamp lines are written in the forms the ECB+ web pages print them
(``../shared/corpus/ecbplus``, Cybulska & Vossen, LREC 2014, CC BY 3.0);
bylines, credits and prompts in the forms news sites use.
"""

from __future__ import annotations

import pytest

from newsdiff.engine.boilerplate import dateline_length, is_boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "SEE ALSO:",
        "Advertisement",
        "ADVERTISEMENT",
        "Read more",
        "Read more »",
        "Related:",
        "Also read",
        "Share this article",
        "Story continues below advertisement",
        "Click here to subscribe",
        "Sign up for our newsletter",
        "READ MORE: Putin visits Pyongyang",
        "Related: Kim hosts Putin",
        "© 2024 Reuters",
        "Copyright 2024 The Associated Press. All rights reserved.",
        "***",
        "---",
        "Advertisement · Scroll to continue",
        "Share | Subscribe",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Updated: May 24, 2005, 3:23 PM ET",
        "Updated 11/27/2005 3:41 PM",
        "May 2, 2013, 1:12 PM",
        "First Published: March 3, 2014",
        "First Posted: 08/04/11 06:44 PM ET Updated: 10/04/11 06:12 AM ET",
        "PUBLISHED: 16:05 GMT, 9 June 2013 | UPDATED: 06:55 GMT, 10 June 2013",
        "9 September 2013 Last updated at 14:39 GMT",
        "WEDNESDAY, APRIL 24TH, 2013 AT 10:40 AM",
        "on Dec 23 2012, 5:03p",
        "Published: 09 Sep 2013 11:25 GMT+02:00",
        "Thursday 29 July 2004 08.23 BST",
        "(10:27 am PDT, Jun 11th 2012)",
        "Posted 2007-11-12",
        "9/10/2010 @ 1:19PM",
        "Edited on Mon Dec-19-05 03:49 PM",
        "Found March 08, 2013",
        "2 A.M. FEB. 4, 2009",
        "July 13, 2009",
        "INDONESIA, July 2, 2013",
        "AFP, Tuesday 2 Jul 2013",
        "Reuters Sep 18, 2013, 02.16PM IST",
        "Washington D.C., Jul 13, 2009/02:00 pm (CNA)",
        "SUNNYVALE, Calif. —2/29/2012",
        "FOR IMMEDIATE RELEASE July 13, 2009",
    ],
)
def test_timestamp_lines_are_furniture(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "By John Smith",
        "BY JANE DOE | Associated Press",
        "By Jane Doe and John Roe, Staff Writers",
        "By The Associated Press",
        "By Jane Doe for the Daily Mail",
        "By Jane Doe, Reuters | Updated 3:41 PM ET",
        "Written by Mary O'Neil",
        "Posted by Jane Doe on June 5, 2012",
        "John Smith, Staff Writer",
        "Jane Doe, Senior Political Correspondent",
        "On behalf of Howard R. Sanders, Esq. posted in Pedestrian Accidents on Wednesday, September 18, 2013.",
        "Associated Press",
        "(AP)",
        "(Photo: Getty Images)",
        "Photo: John Smith/AP",
        "Image: Reuters",
        "AP Photo/Jae C. Hong",
        "Getty Images",
        "Photograph by Jane Doe",
    ],
)
def test_bylines_and_credits_are_furniture(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "http://www.ny1.com/content/news/188792/woman-killed-in-queens-hit-and-run--driver-charged",
        "www.example.com/news",
        "Comments (12)",
        "12 comments",
        "Leave a comment",
        "Tell us in the comments.",
        "Follow us on Twitter",
        "Here's a slideshow of images of the northern Sumatra quake on Tuesday.",
        "Watch the video",
        "Print",
        "Email this",
        "For immediate release:",
    ],
)
def test_addresses_and_prompts_are_furniture(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Seacom operations fully restored: 4 November 2011",
        "Watergate figure Fred LaRue, July 24",
        "Obama Nominates Benjamin, July 13, 2009",
        "AMD Buys SeaMicro, Enters Server Hardware Business",
        "Obama, Romney Clash Over Health Care Reform, Reporters Say",
        "Born March 29, 1928",
        "Found dead on March 8, 2013",
        "Friday, three people died.",
        "He was born on July 4, 1950.",
        "The shootings happened shortly after 8:30 p.m. Thursday.",
        "Mar. 8 was the day he died.",
        "By acquiring EYP MCF, HP will be able to help customers.",
        "By March 2013, the company had sold 5 million units.",
        "By Monday Apple had sold 5 million phones.",
        "By the end of this year, she said, it will release the first servers.",
        "Jones, a staff writer at the Times, said he was fired.",
        "John Smith, 45, a reporter, was killed.",
        "Reuters reported the attack on Tuesday.",
        "Photos show the damage to the plant.",
        "Images also reportedly reveal upgraded air bases.",
        "Comments made by the mayor angered residents.",
        "Share prices fell 5% on Monday.",
        "Email servers were down for hours.",
        "More than 60 people reported the quake.",
        "Watch out for falling rocks, police warned.",
    ],
)
def test_news_that_mentions_dates_names_or_media_is_content(line: str) -> None:
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Putin said Russia may arm North Korea.",
        "Read more about the treaty in the report published on Thursday.",
        "Related talks are planned for next week.",
        "Advertisement revenue fell sharply at the agency last year.",
        "Click here and there: officials say the website that hosts the treaty text was "
        "down for hours on Thursday after heavy traffic.",
        "See also the statement by the Kremlin.",
        "Share · Putin signs the treaty",
        "Moscow / Pyongyang",
    ],
)
def test_sentences_that_only_mention_furniture_words_are_content(line: str) -> None:
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    ("dateline", "content"),
    [
        ("JAKARTA - ", "Russian President Vladimir Putin said"),
        ("WASHINGTON (Reuters) - ", "The United States said"),
        ("LONDON, June 20 (AP) — ", "Britain said"),
        ("NEW YORK -- ", "Stocks fell"),
        ("Kyiv, Ukraine (AP) — ", "Ukraine said"),
    ],
)
def test_datelines(dateline: str, content: str) -> None:
    assert dateline_length(dateline + content) == len(dateline)


@pytest.mark.parametrize(
    "sentence",
    [
        "PRESIDENT Vladimir Putin said Russia may arm North Korea.",
        "US - China talks resumed on Monday.",
        "Putin - who spoke in Hanoi - said so.",
        "JAKARTA -",
    ],
)
def test_not_datelines(sentence: str) -> None:
    assert dateline_length(sentence) == 0
