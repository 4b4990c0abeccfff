"""The actor registry: the bundled actors, lookups, and validation errors."""

from __future__ import annotations

import textwrap

import pytest

import analysis
from analysis.corpus import normalise_name
from analysis.errors import ActorsError
from analysis.paths import package_data

from .conftest import CORPUS

REQUIRED_IDS = [
    "iran_mfa", "russia_mfa", "putin", "pezeshkian", "araghchi", "baghaei",
    "lavrov", "zakharova", "iran_parliament", "russia_duma",
]  # fmt: skip


def test_bundled_registry_has_the_required_actors_with_kind_and_side():
    actors = analysis.load_actors(CORPUS)
    for actor_id in REQUIRED_IDS:
        actor = actors[actor_id]
        assert actor.name
        assert actor.kind in {"organisation", "person", "body"}
        assert actor.side in {"iran", "russia", "other"}
    assert actors["iran_mfa"].side == "iran"
    assert actors["russia_mfa"].side == "russia"
    assert actors["zakharova"].gender == "female"


def test_corpus_registry_is_the_package_default():
    assert (CORPUS / "actors.yml").read_bytes() == package_data("actors.yml").read_bytes()


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("Iran's Foreign Ministry", "iran_mfa"),
        ("Iran\u2019s Foreign Ministry", "iran_mfa"),
        ("the Iranian Foreign Ministry", "iran_mfa"),
        ("THE IRANIAN FOREIGN MINISTRY", "iran_mfa"),
        ("Russia's Foreign Ministry", "russia_mfa"),
        ("the Russian Foreign Ministry", "russia_mfa"),
        ("Baghaei", "baghaei"),
        ("Baqaei", "baghaei"),
        ("Araghchi", "araghchi"),
        ("Araqchi", "araghchi"),
        ("Pezeshkian", "pezeshkian"),
        ("Pezeskian", "pezeshkian"),
        ("Sergei Lavrov", "lavrov"),
        ("the Kremlin", "kremlin"),
        ("Russia's lower house of parliament", "russia_duma"),
        ("Iran's Parliament", "iran_parliament"),
        ("putin", "putin"),
    ],
)
def test_aliases_and_transliterations_resolve(name, actor_id):
    assert analysis.load_actors().lookup(name).id == actor_id


def test_unknown_names_resolve_to_nothing():
    actors = analysis.load_actors()
    assert actors.lookup("the Foreign Ministry") is None  # a description, shared
    assert actors.lookup("Said") is None


def test_descriptions_are_shared_and_ordered():
    actors = analysis.load_actors()
    assert [a.id for a in actors.described_by("the ministry")] == ["iran_mfa", "russia_mfa"]
    assert [a.id for a in actors.described_by("The Foreign Ministry")] == ["iran_mfa", "russia_mfa"]
    assert "zakharova" in [a.id for a in actors.described_by("the spokesperson")]


def test_capitals_stand_for_sides_and_groups_join_sides():
    actors = analysis.load_actors()
    assert actors.side_alias("Tehran") == "iran"
    assert actors.side_alias("Moscow") == "russia"
    assert actors.side_alias("Paris") is None
    assert actors.side_of("putin") == "russia"
    assert actors.side_of("pezeshkian+putin") == "iran+russia"
    assert actors.side_of("araghchi+pezeshkian") == "iran"
    assert actors.side_of("") == ""


def test_names_are_longest_first_for_matching():
    names = analysis.load_actors().names()
    lengths = [len(n) for n, _, _ in names]
    assert lengths == sorted(lengths, reverse=True)
    kinds = {what for _, what, _ in names}
    assert kinds == {"actor", "description", "side"}


def test_normalise_name():
    assert normalise_name("  The   Kremlin ") == "kremlin"
    assert normalise_name("Iran\u2019s") == "iran's"


def test_registry_table():
    table = analysis.load_actors().to_frame()
    assert set(REQUIRED_IDS) <= set(table["id"])
    assert list(table.columns) == [
        "id",
        "name",
        "kind",
        "side",
        "gender",
        "member_of",
        "role",
        "from",
        "until",
        "aliases",
        "descriptions",
    ]


def _write(tmp_path, text):
    path = tmp_path / "actors.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


ACTOR = "  - {{id: {id}, name: {name}, kind: {kind}, side: {side}, aliases: [{aliases}]}}\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (ACTOR.format(id="a", name="A", kind="person", side="iran", aliases="Ay")
         + ACTOR.format(id="a", name="B", kind="person", side="iran", aliases="Bee"), "duplicate actor id 'a'"),
        (ACTOR.format(id="a", name="A", kind="person", side="mars", aliases="Ay"), "unknown side 'mars'"),
        (ACTOR.format(id="a", name="A", kind="robot", side="iran", aliases="Ay"), "kind 'robot'"),
        (ACTOR.format(id="a", name="A", kind="person", side="iran", aliases="Same")
         + ACTOR.format(id="b", name="B", kind="person", side="iran", aliases="the same"), "claimed by both"),
        (ACTOR.format(id="A-1", name="A", kind="person", side="iran", aliases="Ay"), "must be lower-case"),
        (ACTOR.format(id="a", name="A", kind="person", side="iran", aliases="Tehran"), "also an alias of actor"),
        ("  - {id: a, kind: person, side: iran}\n", "has no name"),
        ("  - {id: a, name: A, kind: person, side: iran, colour: red}\n", "unknown field"),
    ],
    ids=["duplicate id", "unknown side", "unknown kind", "alias claimed twice", "bad id", "side alias clash",
         "no name", "unknown field"],
)  # fmt: skip
def test_invalid_registries_raise_naming_the_file(tmp_path, body, expected):
    path = _write(tmp_path, "sides:\n  iran: {name: Iran, aliases: [Tehran]}\n  other: {}\nactors:\n" + body)
    with pytest.raises(ActorsError, match=expected) as error:
        analysis.load_actors(path)
    assert str(path) in str(error.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("actors: [a\n", "not valid YAML"), ("- just a list\n", "expected a mapping"), ("actors: 3\n", "expected")],
)
def test_malformed_files_raise(tmp_path, text, expected):
    with pytest.raises(ActorsError, match=expected):
        analysis.load_actors(_write(tmp_path, text))


def test_missing_file_raises(tmp_path):
    with pytest.raises(ActorsError, match="no such file"):
        analysis.load_actors(tmp_path / "nope.yml")


def test_a_corpus_folder_registry_overrides_the_default(tmp_path):
    _write(tmp_path, "actors:\n  - {id: smith, name: John Smith, kind: person, side: other, aliases: [Smith]}\n")
    actors = analysis.load_actors(tmp_path)
    assert list(actors.actors) == ["smith"]
    assert sorted(actors.sides) == ["iran", "other", "russia"]  # default sides


def test_a_corpus_folder_without_registry_uses_the_default(tmp_path):
    assert analysis.load_actors(tmp_path).source == str(package_data("actors.yml"))
