"""Loading article files and folders: decoding, front matter, names, titles, errors."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from newsdiff.engine import decode
from newsdiff.engine.errors import InputError
from newsdiff.engine.load import article_from_text, load_paths, source_from_name
from newsdiff.engine.story import collect_articles

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def load_one(path: Path) -> str:
    (article,) = load_paths([path])
    return article.text


def input_error(paths: list[Path | str]) -> str:
    with pytest.raises(InputError) as raised:
        load_paths(paths)
    message = str(raised.value)
    assert "\n" not in message
    return message


def test_numbers_in_file_names_sort_as_numbers(tmp_path: Path) -> None:
    for name in ("1_10.txt", "1_2.txt", "1_1.txt", "b.txt", "a.txt"):
        write(tmp_path / name, f"Report from {name}.")
    assert [a.id for a in load_paths([tmp_path])] == ["1_1", "1_2", "1_10", "a", "b"]


def test_a_folder_is_its_text_files_in_name_order(tmp_path: Path) -> None:
    write(tmp_path / "b.md", "Second outlet reports.")
    write(tmp_path / "a.txt", "First outlet reports.")
    write(tmp_path / "notes.csv", "not,an,article")
    write(tmp_path / ".hidden.txt", "Editor's scratch.")
    (tmp_path / "drafts").mkdir()
    write(tmp_path / "drafts" / "c.txt", "A draft.")
    articles = load_paths([tmp_path])
    assert [a.id for a in articles] == ["a", "b"]
    assert [a.path for a in articles] == [str(tmp_path / "a.txt"), str(tmp_path / "b.md")]


def test_seed_texts_are_the_files_as_read_text_decodes_them() -> None:
    for article in load_paths([SEEDS]):
        assert article.text == Path(article.path or "").read_text(encoding="utf-8")
        assert article.body_start == 0


def test_seed_titles() -> None:
    titles = {a.id[:3]: a.title for a in load_paths([SEEDS])}
    assert titles["004"].startswith("President Putin Says Russia Has The Right")
    assert titles["004"].endswith("Including North Korea?")
    for key in ("000", "002"):
        first_sentence = next(SEEDS.glob(f"{key}_*.txt")).read_text(encoding="utf-8").split("\n")[0]
        assert first_sentence.startswith(titles[key].rstrip("…"))
        assert len(titles[key]) < len(first_sentence)


def test_a_title_skips_the_dateline() -> None:
    article = article_from_text("JAKARTA - Putin spoke in Hanoi. He left.", article_id="d")
    assert article.title == "Putin spoke in Hanoi"


def test_a_title_is_never_the_page_address_a_timestamp_or_a_byline() -> None:
    text = (
        "http://www.example.com/news/2013/05/02/quake-hits-aceh.html\n"
        "May 2, 2013, 1:12 PM\n"
        "By Jane Doe, Staff Writer\n"
        "Strong Earthquake Hits Indonesia's Aceh Province\n"
        "A strong earthquake struck Aceh on Tuesday, damaging houses and injuring at least five people.\n"
    )
    assert article_from_text(text, article_id="a").title == "Strong Earthquake Hits Indonesia's Aceh Province"


def test_without_a_headline_the_title_is_the_first_sentence_after_the_furniture() -> None:
    text = "Updated: May 24, 2005, 3:23 PM ET\nThe quake struck Aceh on Tuesday. Five people died.\n"
    assert article_from_text(text, article_id="a").title == "The quake struck Aceh on Tuesday"


def test_front_matter_fields_and_body_start(tmp_path: Path) -> None:
    text = (
        '---\ntitle: "Putin in Hanoi"\nsource: Reuters\nurl: https://example.com/a\n'
        "date: 2024-06-20\nlanguage: en\nauthor: Someone\n---\nPutin spoke. He left.\n"
    )
    (article,) = load_paths([write(tmp_path / "x.md", text)])
    assert (article.title, article.source, article.url, article.date, article.language) == (
        "Putin in Hanoi",
        "Reuters",
        "https://example.com/a",
        "2024-06-20",
        "en",
    )
    assert article.text == text
    assert article.text[article.body_start :] == "Putin spoke. He left.\n"


def test_an_unclosed_front_matter_block_is_text() -> None:
    article = article_from_text("---\nPutin spoke.\nHe left.", article_id="u")
    assert article.body_start == 0


def test_front_matter_without_a_body_is_refused(tmp_path: Path) -> None:
    assert "no text" in input_error([write(tmp_path / "x.md", "---\ntitle: T\n---\n\n")])


@pytest.mark.parametrize(
    ("stem", "source"),
    [
        ("reuters", "Reuters"),
        ("ap", "AP"),
        ("new_york_times", "New York Times"),
        ("BBC-News", "BBC News"),
        ("000_efafae1ce283e261", "Source 000"),
        ("41_10", "Source 41_10"),
        ("03-reuters", "Reuters"),
    ],
)
def test_source_from_file_name(stem: str, source: str) -> None:
    assert source_from_name(stem) == source


def test_the_source_comes_from_the_file_name_without_front_matter(tmp_path: Path) -> None:
    (article,) = load_paths([write(tmp_path / "reuters.txt", "Putin spoke.")])
    assert (article.id, article.source) == ("reuters", "Reuters")


def test_articles_under_one_source_name_are_numbered_apart(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    for name in ("reuters_1.txt", "reuters_2.txt", "ap.txt"):
        write(folder / name, "Putin spoke.")
    write(folder / "bbc.md", "---\nsource: Reuters\n---\nPutin spoke.")
    articles = collect_articles([folder])
    # bbc.md says it is Reuters but has no file number: the four are counted.
    assert [a.source for a in articles] == ["AP", "Reuters (1)", "Reuters (2)", "Reuters (3)"]
    seeds = collect_articles([SEEDS])
    assert [a.source for a in seeds] == ["Source 000", "Source 002", "Source 004"]


def test_numbered_files_under_one_source_name_keep_their_numbers(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    for name in ("art_000.txt", "art_104.txt", "art_229.txt", "ap.txt"):
        write(folder / name, "Putin spoke.")
    articles = collect_articles([folder])
    assert [(a.id, a.source) for a in articles] == [
        ("ap", "AP"),
        ("art_000", "ART 000"),
        ("art_104", "ART 104"),
        ("art_229", "ART 229"),
    ]


def test_same_numbers_in_two_folders_are_counted_instead(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        write(tmp_path / folder / "reuters_1.txt", f"Report from {folder}.")
    articles = collect_articles([tmp_path / "one", tmp_path / "two"])
    assert [a.source for a in articles] == ["Reuters (1)", "Reuters (2)"]


def test_duplicate_stems_get_distinct_ids(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        write(tmp_path / folder / "reuters.txt", f"Report from {folder}.")
    articles = load_paths([tmp_path / "one", tmp_path / "two"])
    assert len({a.id for a in articles}) == 2


def test_the_same_file_twice_is_loaded_once(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Putin spoke.")
    assert len(load_paths([path, tmp_path, str(path)])) == 1


def test_windows_newlines_read_like_read_text(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Putin spoke.\r\nHe left.\rThe end.\r\n")
    assert load_one(path) == path.read_text(encoding="utf-8") == "Putin spoke.\nHe left.\nThe end.\n"


def test_a_utf8_byte_order_mark_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"Putin spoke.")
    assert load_one(path) == "Putin spoke."


def test_utf16_with_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("Prezydent powiedział. Zażółć.\n".encode("utf-16"))
    assert load_one(path) == "Prezydent powiedział. Zażółć.\n"


def test_legacy_western_encoding_is_detected(tmp_path: Path) -> None:
    text = "Le président a déclaré à Paris que la réunion était très importante.\n"
    path = tmp_path / "fr.txt"
    path.write_bytes(text.encode("cp1252"))
    assert load_one(path) == text


def test_western_typography_in_a_short_legacy_text_is_read_as_cp1252(tmp_path: Path) -> None:
    text = "He said: “we will act” – the euro€ fell … Café crème brûlée.\nAnother sentence follows here.\n"
    path = tmp_path / "quotes.txt"
    path.write_bytes(text.encode("cp1252"))
    assert load_one(path) == text


def test_a_guessed_encoding_is_said_and_a_vouched_for_one_is_not(tmp_path: Path) -> None:
    (tmp_path / "fr.txt").write_bytes(
        "Le président a déclaré à Paris que la réunion était importante.\n".encode("cp1252")
    )
    (tmp_path / "u8.txt").write_bytes("Le président a déclaré à Paris.\n".encode())
    (tmp_path / "u16.txt").write_bytes("Le président a déclaré.\n".encode("utf-16"))
    said: list[str] = []
    load_paths([tmp_path], warn=said.append)
    assert len(said) == 1 and "fr.txt: not UTF-8; read as cp1252, a guess" in said[0]


TURKISH = "Cumhurbaşkanı perşembe günü yaptığı açıklamada, Rusya'nın Kuzey Kore'ye silah sağlayabileceğini söyledi.\n"


def test_a_named_encoding_replaces_the_guess_for_files_that_are_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "tr.txt").write_bytes(TURKISH.encode("cp1254"))
    (tmp_path / "u8.txt").write_text("Le président a déclaré à Paris.\n", encoding="utf-8")
    said: list[str] = []
    guessed = load_paths([tmp_path / "tr.txt"])[0].text
    assert guessed != TURKISH  # short Turkish text is guessed as cp1252: "ş" comes out "þ"
    named = load_paths([tmp_path], warn=said.append, encoding="cp1254")
    assert [a.text for a in named] == [TURKISH, "Le président a déclaré à Paris.\n"]
    assert said == []


def test_legacy_cyrillic_encoding_is_detected(tmp_path: Path) -> None:
    text = "Президент Владимир Путин заявил, что Россия может поставлять оружие.\n"
    path = tmp_path / "ru.txt"
    path.write_bytes(text.encode("cp1251"))
    assert load_one(path) == text


def test_binary_files_are_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    message = input_error([path])
    assert "photo.txt" in message and "binary" in message


def test_control_character_soup_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(1, 32)) * 20)
    assert "binary" in input_error([path])


@pytest.mark.parametrize("content", ["", "   \n\n\t"])
def test_empty_files_are_refused(tmp_path: Path, content: str) -> None:
    assert "empty" in input_error([write(tmp_path / "blank.txt", content)])


def test_an_unusable_file_in_a_folder_is_left_out_when_the_caller_listens(tmp_path: Path) -> None:
    write(tmp_path / "1_wire.txt", "The mayor opened the bridge.")
    write(tmp_path / "2_blank.txt", "  \n")
    (tmp_path / "3_photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    write(tmp_path / "4_daily.txt", "The bridge was opened by the mayor.")
    skipped: list[str] = []
    articles = load_paths([tmp_path], warn=skipped.append)
    assert [a.id for a in articles] == ["1_wire", "4_daily"]
    assert len(skipped) == 2
    assert "2_blank.txt" in skipped[0] and "empty" in skipped[0]
    assert "3_photo.txt" in skipped[1] and "binary" in skipped[1]


def test_an_unusable_file_in_a_folder_is_an_error_when_nobody_listens(tmp_path: Path) -> None:
    write(tmp_path / "wire.txt", "The mayor opened the bridge.")
    write(tmp_path / "blank.txt", "")
    assert "blank.txt" in input_error([tmp_path])


def test_a_file_named_on_its_own_is_never_left_out(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    write(folder / "wire.txt", "The mayor opened the bridge.")
    blank = write(tmp_path / "blank.txt", "")
    with pytest.raises(InputError, match=r"blank\.txt"):
        load_paths([folder, blank], warn=lambda message: None)


def test_a_folder_of_only_unusable_files_is_refused_with_the_first_reason(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        write(tmp_path / name, "")
    with pytest.raises(InputError) as error:
        load_paths([tmp_path], warn=lambda message: pytest.fail(f"reported {message}"))
    assert "no usable article" in str(error.value)
    assert "a.txt: article is empty" in str(error.value)
    assert "2 more" in str(error.value)


def test_missing_paths_are_refused(tmp_path: Path) -> None:
    assert "nowhere.txt" in input_error([tmp_path / "nowhere.txt"])


def test_a_folder_without_articles_is_refused(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    write(tmp_path / "data.csv", "a,b")
    assert "no .txt, .md or .html" in input_error([tmp_path])


def test_no_paths_at_all_is_refused() -> None:
    assert "no articles" in input_error([])


def test_files_over_the_size_limit_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode, "MAX_FILE_BYTES", 100)
    assert "too large" in input_error([write(tmp_path / "big.txt", "Putin spoke. " * 20)])


def test_a_large_folder_reports_progress_per_file(tmp_path: Path) -> None:
    for number in range(500):
        write(tmp_path / f"{number:03}.txt", f"Outlet {number} reports that Putin spoke.")
    messages: list[str] = []
    articles = load_paths([tmp_path], progress=messages.append)
    assert len(articles) == len(messages) == 500
    assert messages[119] == "Reading 120/500: 119.txt"


def test_a_megabyte_article_loads_and_says_so(tmp_path: Path) -> None:
    path = write(tmp_path / "long.txt", "Putin spoke in Hanoi on Thursday.\n" * 50_000)
    messages: list[str] = []
    (article,) = load_paths([path], progress=messages.append)
    assert len(article.text) == path.stat().st_size
    assert "MB" in messages[0]


def test_article_from_text_keeps_the_text_and_takes_a_source() -> None:
    text = "Putin Arrives In Hanoi\nPutin arrived on Thursday."
    article = article_from_text(text, article_id="a1", path="mem/a1.txt", source="VOI")
    assert (article.id, article.path, article.source, article.text) == ("a1", "mem/a1.txt", "VOI", text)
    assert article.title == "Putin Arrives In Hanoi"


def test_article_from_text_refuses_an_empty_text() -> None:
    with pytest.raises(InputError):
        article_from_text(" \n", article_id="empty")


def test_a_page_saved_with_its_address_on_the_first_line_is_named_by_its_host(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    write(folder / "21_1.txt", "http://www.ny1.com/content/news/188792/woman-killed\nA woman was killed in Queens.\n")
    write(folder / "21_2.txt", "---\nsource: NY1 News\n---\nhttps://www.ny1.com/a\nA woman died in Queens.\n")
    write(folder / "21_3.txt", "A woman was killed in Queens, police said.\n")
    first, second, third = load_paths([folder])
    assert (first.source, first.url) == ("ny1.com", "http://www.ny1.com/content/news/188792/woman-killed")
    assert first.title == "A woman was killed in Queens"
    assert (second.source, second.url) == ("NY1 News", "https://www.ny1.com/a"), "front matter names the outlet"
    assert (third.source, third.url) == ("Source 21_3", None)
