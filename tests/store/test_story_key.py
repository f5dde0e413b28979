from dataclasses import replace

from store_stories import article

from newsdiff.store.story_key import story_key

A = article("a", "The dam burst at dawn.", path="/news/a.txt")
B = article("b", "Rescuers came at noon.", path="/news/b.txt")


def test_the_key_ignores_paths_ids_and_order() -> None:
    moved = [
        replace(B, id="x", path="/copy/2.txt", source="Other"),
        replace(A, id="y", path=None),
    ]
    assert story_key(moved) == story_key([A, B])


def test_any_change_of_text_changes_the_key() -> None:
    edited = replace(B, text=B.text + " ")
    assert story_key([A, edited]) != story_key([A, B])
    assert story_key([A]) != story_key([A, B])


def test_texts_cannot_run_into_each_other() -> None:
    split_once = [replace(A, text="ab"), replace(B, text="c")]
    split_twice = [replace(A, text="a"), replace(B, text="bc")]
    assert story_key(split_once) != story_key(split_twice)


def test_the_key_can_name_a_file() -> None:
    key = story_key([A, B])
    assert len(key) == 16 and all(ch in "0123456789abcdef" for ch in key)
